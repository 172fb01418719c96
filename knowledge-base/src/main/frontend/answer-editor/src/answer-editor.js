// The FAQ form's answer editor: the editor writes the answer as formatted text, not HTML, and can only make what
// the safe rendering of an answer keeps (paragraphs, headings at levels 3 and 4, bulleted and numbered lists, bold,
// italic, links, simple tables). The schema is the allow-list: whatever is pasted from a council web page or from
// Word is read into it, so its structure stays and the rest (styles, classes, fonts, images, scripts) goes. The
// HTML goes into the form's own textarea, which the server cleans again on every save; without JavaScript the
// textarea is the editor, as before.
import { Editor } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { Table, TableRow, TableHeader, TableCell } from '@tiptap/extension-table';

const LINK_PROTOCOLS = ['https', 'http', 'mailto', 'tel'];

/**
 * Pasted HTML without its style attributes, before anything parses it: the staff pages' Content-Security-Policy
 * (style-src 'self') refuses inline styles even in a document that is never shown. What Word says with them is
 * kept as marks: a list paragraph (mso-list) and its typed bullet (mso-list:Ignore).
 */
function withoutStyles(html) {
  return html.replace(/\sstyle\s*=\s*("([^"]*)"|'([^']*)'|[^\s>]+)/gi, (whole, value, doubled, single) => {
    const style = doubled ?? single ?? value;
    if (/mso-list:\s*Ignore/i.test(style)) return ' data-mso-bullet';
    if (/mso-list/i.test(style)) return ' data-mso-list';
    return '';
  });
}

/** Word's pasted lists are paragraphs marked "mso-list" with a typed bullet: made into real lists. */
function wordListsToLists(doc) {
  const paragraphs = Array.from(doc.body.querySelectorAll('p'));
  let list = null;
  for (const p of paragraphs) {
    const className = p.getAttribute('class') || '';
    const isItem = p.hasAttribute('data-mso-list') || /MsoListParagraph/i.test(className);
    if (!isItem) {
      list = null;
      continue;
    }
    // The typed bullet or number is a span Word marks mso-list:Ignore; it tells bullets from numbers.
    const marker = p.querySelector('[data-mso-bullet]');
    const numbered = marker ? /^\s*[0-9a-z]+[.)]/i.test(marker.textContent) : false;
    if (marker) {
      marker.remove();
    }
    const tag = numbered ? 'OL' : 'UL';
    if (!list || list.tagName !== tag || list.nextElementSibling !== p) {
      list = doc.createElement(tag.toLowerCase());
      p.before(list);
    }
    const item = doc.createElement('li');
    item.append(...p.childNodes);
    list.append(item);
    p.remove();
  }
}

/**
 * Pasted HTML, before the schema reads it: Word's lists made lists, and the page's own heading levels fitted to
 * the answer's (a page's h1 and h2 are the answer's h3; h5 and h6 its h4), so a pasted section keeps its headings.
 */
function fitPasted(html) {
  const doc = new DOMParser().parseFromString(withoutStyles(html), 'text/html');
  wordListsToLists(doc);
  doc.body.querySelectorAll('[data-mso-list], [data-mso-bullet]').forEach(e => {
    e.removeAttribute('data-mso-list');
    e.removeAttribute('data-mso-bullet');
  });
  for (const heading of Array.from(doc.body.querySelectorAll('h1, h2, h5, h6'))) {
    const fitted = doc.createElement(/^H[12]$/.test(heading.tagName) ? 'h3' : 'h4');
    fitted.append(...heading.childNodes);
    heading.replaceWith(fitted);
  }
  return doc.body.innerHTML;
}

/** The editor's HTML as the answer keeps it: tables without the editor's column sizes or one-paragraph cells. */
function tidy(html) {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  doc.body.querySelectorAll('colgroup').forEach(c => c.remove());
  doc.body.querySelectorAll('table, th, td').forEach(e => {
    e.removeAttribute('style');
    if (e.getAttribute('colspan') === '1') e.removeAttribute('colspan');
    if (e.getAttribute('rowspan') === '1') e.removeAttribute('rowspan');
    e.removeAttribute('colwidth');
  });
  doc.body.querySelectorAll('th > p:only-child, td > p:only-child, li > p:only-child')
    .forEach(p => p.replaceWith(...p.childNodes));
  // Empty paragraphs (the one the editor keeps after a table or list to type into) say nothing to a resident.
  doc.body.querySelectorAll('p').forEach(p => {
    if (p.textContent.trim() === '' && !p.querySelector('a')) p.remove();
  });
  doc.body.querySelectorAll('a').forEach(a => {
    a.removeAttribute('target');
    a.removeAttribute('rel');
    a.removeAttribute('class');
  });
  // An empty answer is empty, not an empty paragraph, so the form's "Enter the answer" still says so.
  return doc.body.textContent.trim() === '' ? '' : doc.body.innerHTML;
}

function button(label, onPress) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'rte-button';
  b.textContent = label;
  b.tabIndex = -1;
  b.addEventListener('click', onPress);
  return b;
}

function enhance(textarea) {
  const label = document.querySelector('label[for="' + textarea.id + '"]');
  const hint = document.getElementById(textarea.getAttribute('aria-describedby') || '');
  const wrapper = document.createElement('div');
  wrapper.className = 'rte';
  const toolbar = document.createElement('div');
  toolbar.className = 'rte-toolbar';
  toolbar.setAttribute('role', 'toolbar');
  toolbar.setAttribute('aria-label', 'Answer formatting');
  toolbar.setAttribute('aria-controls', textarea.id + '-editor');
  const surface = document.createElement('div');
  surface.className = 'rte-surface';

  // The link's address is asked for in the page, not in a browser prompt, so it reads and zooms like the form.
  const linkForm = document.createElement('div');
  linkForm.className = 'rte-link';
  linkForm.hidden = true;
  const linkLabel = document.createElement('label');
  linkLabel.htmlFor = textarea.id + '-link';
  linkLabel.textContent = 'Link address (https://, mailto: or tel:)';
  const linkInput = document.createElement('input');
  linkInput.type = 'text';
  linkInput.id = textarea.id + '-link';
  linkInput.autocomplete = 'off';
  const linkProblem = document.createElement('p');
  linkProblem.className = 'error-message';
  linkProblem.id = textarea.id + '-link-problem';
  linkProblem.hidden = true;
  linkProblem.textContent = 'Enter a web address starting https://, an email address starting mailto: or a phone number starting tel:';

  const editor = new Editor({
    element: surface,
    injectCSS: false,
    content: withoutStyles(textarea.value),
    extensions: [
      StarterKit.configure({
        heading: { levels: [3, 4] },
        blockquote: false,
        code: false,
        codeBlock: false,
        horizontalRule: false,
        strike: false,
        underline: false,
        link: { openOnClick: false, autolink: true, protocols: LINK_PROTOCOLS, defaultProtocol: 'https',
          HTMLAttributes: { target: null, rel: null, class: null } }
      }),
      // A table drawn without the column sizes Tiptap gives it as inline styles, which the policy refuses.
      Table.extend({
        renderHTML({ HTMLAttributes }) {
          return ['table', HTMLAttributes, ['tbody', 0]];
        }
      }).configure({ resizable: false, View: null }),
      TableRow,
      TableHeader,
      TableCell
    ],
    editorProps: {
      attributes: {
        id: textarea.id + '-editor',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-labelledby': label ? (label.id || (label.id = textarea.id + '-label')) : '',
        'aria-describedby': hint ? hint.id : '',
        class: 'rte-content'
      },
      transformPastedHTML: fitPasted
    },
    onUpdate: () => sync(),
    onSelectionUpdate: () => refreshStates(),
    onTransaction: () => refreshStates()
  });

  function sync() {
    textarea.value = tidy(editor.getHTML());
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
  }

  const tools = [];
  function tool(label, run, isActive, canRun) {
    const b = button(label, () => { run(); editor.commands.focus(); });
    tools.push({ b, isActive, canRun });
    toolbar.append(b);
    return b;
  }
  const chain = () => editor.chain().focus();
  tool('Paragraph', () => chain().setParagraph().run(), () => editor.isActive('paragraph'));
  tool('Heading', () => chain().toggleHeading({ level: 3 }).run(), () => editor.isActive('heading', { level: 3 }));
  tool('Subheading', () => chain().toggleHeading({ level: 4 }).run(), () => editor.isActive('heading', { level: 4 }));
  tool('Bold', () => chain().toggleBold().run(), () => editor.isActive('bold'));
  tool('Italic', () => chain().toggleItalic().run(), () => editor.isActive('italic'));
  tool('Bulleted list', () => chain().toggleBulletList().run(), () => editor.isActive('bulletList'));
  tool('Numbered list', () => chain().toggleOrderedList().run(), () => editor.isActive('orderedList'));
  tool('Link', () => openLink(), () => editor.isActive('link'));
  tool('Remove link', () => chain().extendMarkRange('link').unsetLink().run(), null, () => editor.isActive('link'));
  tool('Table', () => chain().insertTable({ rows: 3, cols: 2, withHeaderRow: true }).run(), () => editor.isActive('table'),
    () => !editor.isActive('table'));
  tool('Add row', () => chain().addRowAfter().run(), null, () => editor.can().addRowAfter());
  tool('Add column', () => chain().addColumnAfter().run(), null, () => editor.can().addColumnAfter());
  tool('Delete row', () => chain().deleteRow().run(), null, () => editor.can().deleteRow());
  tool('Delete table', () => chain().deleteTable().run(), null, () => editor.can().deleteTable());

  // An ARIA toolbar: one tab stop, arrow keys move along it, so the form is not fourteen tabs longer.
  let current = 0;
  function focusTool(index, move) {
    const usable = tools.filter(t => !t.b.disabled);
    if (usable.length === 0) return;
    const at = Math.max(0, usable.findIndex(t => t.b === tools[current].b));
    const next = usable[(at + index + usable.length) % usable.length];
    tools.forEach(t => { t.b.tabIndex = -1; });
    next.b.tabIndex = 0;
    current = tools.indexOf(next);
    if (move) next.b.focus();
  }
  toolbar.addEventListener('keydown', e => {
    if (e.key === 'ArrowRight') { focusTool(1, true); e.preventDefault(); }
    if (e.key === 'ArrowLeft') { focusTool(-1, true); e.preventDefault(); }
    if (e.key === 'Home') { current = 0; focusTool(0, true); e.preventDefault(); }
    if (e.key === 'End') { current = 0; focusTool(-1, true); e.preventDefault(); }
  });
  toolbar.addEventListener('focusin', e => {
    const at = tools.findIndex(t => t.b === e.target);
    if (at >= 0) { current = at; focusTool(0, false); }
  });

  function refreshStates() {
    for (const t of tools) {
      if (t.isActive) t.b.setAttribute('aria-pressed', String(Boolean(t.isActive())));
      if (t.canRun) t.b.disabled = !t.canRun();
    }
    if (tools[current].b.disabled) focusTool(0, false);
    else { tools.forEach(t => { t.b.tabIndex = -1; }); tools[current].b.tabIndex = 0; }
  }

  function openLink() {
    linkInput.value = editor.getAttributes('link').href || '';
    linkProblem.hidden = true;
    linkInput.removeAttribute('aria-invalid');
    linkForm.hidden = false;
    linkInput.focus();
  }
  function closeLink() {
    linkForm.hidden = true;
    editor.commands.focus();
  }
  function addLink() {
    let href = linkInput.value.trim();
    if (/^www\./i.test(href)) href = 'https://' + href;
    if (!/^(https?:\/\/[^\s]+|mailto:[^\s@]+@[^\s@]+|tel:[+0-9 ()-]+)$/i.test(href)) {
      linkProblem.hidden = false;
      linkInput.setAttribute('aria-invalid', 'true');
      linkInput.setAttribute('aria-describedby', linkProblem.id);
      linkInput.focus();
      return;
    }
    if (editor.state.selection.empty && !editor.isActive('link')) {
      // Nothing chosen to link: the address itself becomes the link's words.
      editor.chain().focus().insertContent({ type: 'text', text: href.replace(/^(mailto:|tel:)/i, ''),
        marks: [{ type: 'link', attrs: { href } }] }).run();
    } else {
      editor.chain().focus().extendMarkRange('link').setLink({ href }).run();
    }
    closeLink();
  }
  const addLinkButton = button('Add link', addLink);
  addLinkButton.tabIndex = 0;
  const cancelLink = button('Cancel', closeLink);
  cancelLink.tabIndex = 0;
  cancelLink.classList.add('secondary');
  linkInput.addEventListener('keydown', e => {
    if (e.key === 'Enter') { e.preventDefault(); addLink(); }
    if (e.key === 'Escape') { e.preventDefault(); closeLink(); }
  });
  linkForm.append(linkLabel, linkProblem, linkInput, addLinkButton, cancelLink);

  // The HTML stays one button away for whoever needs it; switching back reads it into the editor.
  const showHtml = document.createElement('button');
  showHtml.type = 'button';
  showHtml.className = 'rte-html secondary';
  showHtml.textContent = 'Edit the HTML';
  showHtml.setAttribute('aria-pressed', 'false');
  showHtml.addEventListener('click', () => {
    const toHtml = textarea.hidden;
    if (!toHtml) {
      editor.commands.setContent(withoutStyles(textarea.value), { emitUpdate: false });
      sync();
    }
    textarea.hidden = !toHtml;
    wrapper.hidden = toHtml;
    showHtml.textContent = toHtml ? 'Edit as formatted text' : 'Edit the HTML';
    showHtml.setAttribute('aria-pressed', String(toHtml));
    (toHtml ? textarea : editor.view.dom).focus();
  });

  wrapper.append(toolbar, linkForm, surface);
  textarea.before(wrapper);
  textarea.after(showHtml);
  textarea.hidden = true;
  // The textarea is filled from the editor; a hidden required field would stop the form with no message.
  textarea.required = false;
  if (hint) {
    hint.textContent = 'Use the buttons for headings, lists, links and tables. Pasting from a web page or Word keeps'
      + ' headings, lists, links and tables, and drops the rest.';
  }
  if (label) {
    label.addEventListener('click', e => { e.preventDefault(); editor.commands.focus(); });
  }
  tools[0].b.tabIndex = 0;
  refreshStates();
  window.CouncilChatAnswerEditor = editor;
}

document.querySelectorAll('textarea[data-answer-editor]').forEach(enhance);
