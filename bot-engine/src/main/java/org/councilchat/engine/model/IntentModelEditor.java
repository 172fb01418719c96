package org.councilchat.engine.model;

import java.io.IOException;
import java.io.InputStream;
import java.security.Principal;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.councilchat.engine.EngineProperties;
import org.councilchat.engine.IntentModel;
import org.councilchat.engine.IntentModel.Retraining;
import org.councilchat.engine.RetrainingAlreadyRunning;
import org.councilchat.engine.TrainingDataInvalid;
import org.councilchat.knowledge.LoggedValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The editor's page for the intent model: which version serves, with its intents and examples, and a form to
 * retrain it from a training file. The upload is read and checked before the page answers; training runs on
 * the model's own thread, so the chat keeps answering with the old model until the new one is ready.
 */
@Controller
class IntentModelEditor {

    private static final Logger log = LoggerFactory.getLogger(IntentModelEditor.class);

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm:ss", Locale.UK);

    private final IntentModel intents;
    private final Clock clock;
    private final ZoneId zone;

    IntentModelEditor(IntentModel intents, Clock clock, EngineProperties engine) {
        this.intents = intents;
        this.clock = clock;
        this.zone = ZoneId.of(engine.timeZone());
    }

    @ModelAttribute("staffName")
    String staffName(Principal editor) {
        return editor == null ? "" : editor.getName();
    }

    @GetMapping("/editor/model")
    String show(Model page) {
        page.addAttribute("version", intents.version());
        page.addAttribute(
                "trainedAt", WHEN.withZone(zone).format(intents.version().trainedAt()));
        page.addAttribute("retraining", intents.lastRetraining().orElse(null));
        page.addAttribute("now", clock.instant());
        page.addAttribute("keepsRetrainedModels", intents.keepsRetrainedModels());
        return "editor/model";
    }

    /** For the page's script, which shows a retraining's progress without reloading. */
    @GetMapping("/editor/model/status")
    @ResponseBody
    Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("serving", intents.version().id());
        Retraining retraining = intents.lastRetraining().orElse(null);
        status.put(
                "retraining", retraining == null ? "NONE" : retraining.status().name());
        if (retraining != null && retraining.isRunning()) {
            status.put("stage", retraining.stage());
            status.put("done", retraining.done());
            status.put("total", retraining.total());
            status.put("seconds", retraining.took(clock.instant()).toSeconds());
        }
        return status;
    }

    @PostMapping("/editor/model")
    String retrain(
            @RequestParam(name = "file", required = false) MultipartFile file,
            Principal editor,
            RedirectAttributes redirect) {
        if (file == null || file.isEmpty()) {
            redirect.addFlashAttribute("problem", "Choose a training file to upload.");
            return "redirect:/editor/model";
        }
        String name = fileName(file.getOriginalFilename());
        try (InputStream in = file.getInputStream()) {
            intents.retrain(in, name);
            log.info(
                    "{} started retraining the intent model from {}",
                    LoggedValue.of(editor.getName()),
                    LoggedValue.of(name));
        } catch (TrainingDataInvalid refused) {
            // The model keeps the refusal, with its line and reason, and the page shows it from there.
            log.info("{} uploaded a training file that was refused", LoggedValue.of(editor.getName()));
        } catch (RetrainingAlreadyRunning busy) {
            redirect.addFlashAttribute(
                    "problem", "The model is already being retrained. Wait for that to finish, then try again.");
        } catch (IOException unreadable) {
            redirect.addFlashAttribute("problem", "The file could not be read. Try uploading it again.");
        }
        return "redirect:/editor/model";
    }

    /** The name without any folders a browser may send with it. */
    private static String fileName(String original) {
        if (original == null || original.isBlank()) {
            return "upload";
        }
        return original.substring(Math.max(original.lastIndexOf('/'), original.lastIndexOf('\\')) + 1);
    }
}
