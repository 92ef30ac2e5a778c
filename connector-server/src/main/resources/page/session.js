// The operator token lives in this tab's sessionStorage only: it is gone when the tab closes, and it is
// never put into a URL, a cookie or a log. Only api.js reads it, to send it in the Authorization header.

const KEY = 'errorbridge.operatorToken';

export function token() {
  return window.sessionStorage.getItem(KEY);
}

export function signedIn() {
  return token() !== null;
}

export function signIn(value) {
  window.sessionStorage.setItem(KEY, value);
}

export function signOut() {
  window.sessionStorage.removeItem(KEY);
}
