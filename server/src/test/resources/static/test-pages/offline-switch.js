// Test-only: lets a browser test cut the chat's connection and keep it down, as a train entering a tunnel
// would. Connections made while "offline" go to a path of this server with no WebSocket behind it, so they fail
// like real ones (and stay within the page's Content-Security-Policy, connect-src 'self').
window.__sockets = [];
window.__offline = false;
const RealWebSocket = window.WebSocket;
window.WebSocket = class extends RealWebSocket {
  constructor(url, protocols) {
    super(window.__offline ? new URL('/test-pages/no-chat-here', url).href : url, protocols);
    window.__sockets.push(this);
  }
};
window.__dropConnection = () => { window.__offline = true; window.__sockets.forEach(s => s.close()); };
window.__restoreConnection = () => { window.__offline = false; };
