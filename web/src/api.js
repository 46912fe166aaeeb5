// api.js — the one client of the server's JSON API (/api/v1, docs/api.md).
//
//   import { api, ApiError, errorText } from '../api.js';
//   const v = await api.get(`/counties/${c}/verdict`, { year, lang: apiLang() });
//   await api.patch(`/schools/${s}/years/${y}`, body);   (put: the same with PUT)
//   await api.upload('/imports', file, { query: { year }, reason, onProgress: p => … });
//   await api.upload('/imports', [file1, file2], { … });   // one multipart import
//   const { blob, filename } = await api.download(`/counties/${c}/reports/${k}`, { year });
//
// Every call sends the session cookie (same origin) and, when it is not a
// GET, the X-CSRF-Token of the session (session.js keeps it; after a page
// reload GET /me gives it back).  Query values that are null, undefined or
// '' are left out.  A failure throws an ApiError {status, code,
// message_zh, message_en, problems, retryAfter}; status 0 is a network
// failure.  Besides throwing, some answers are handled here once for all
// pages (handlers set by main.js):
//   401 → the session is gone: the caller is sent to the sign-in page
//         (not for POST /session itself, whose 401 is a wrong password);
//   403 `forbidden` on a GET → the refusal page (/denied); pass
//         { denied: false } to handle it yourself;
//   403 `csrf` → the token is fetched again (GET /me) and the call is
//         retried once;
//   503 `busy` on a GET → retried once after Retry-After (at most 3 s).
import { lang } from './i18n.js';

export const BASE = '/api/v1';

let csrfToken = null;
const handlers = { unauthorized: null, forbidden: null, refreshCsrf: null };

export function setCsrf(token) {
  csrfToken = token || null;
}

export function setHandlers(h) {
  Object.assign(handlers, h);
}

export class ApiError extends Error {
  constructor(status, body, retryAfter) {
    const e = (body && body.error) || {};
    super(e.message_en || (status ? `HTTP ${status}` : 'network error'));
    this.name = 'ApiError';
    this.status = status;
    this.code = e.code || (status ? 'http_' + status : 'network');
    this.message_zh = e.message_zh || null;
    this.message_en = e.message_en || null;
    this.problems = Array.isArray(e.problems) ? e.problems : [];
    this.retryAfter = retryAfter;
    // The error object as sent: some answers carry figures beside the
    // message (a refused sign-off's figure, requirement and year).
    this.detail = e;
  }
}

// The error's message in the interface's language.
export function errorText(err) {
  if (!err) return '';
  if (err instanceof ApiError) {
    if (err.status === 0)
      return lang.value === 'en' ? 'Cannot reach the server; check the network and retry'
        : '无法连接服务器,请检查网络后重试';
    const m = lang.value === 'en' ? err.message_en : err.message_zh;
    if (m) return m;
    return (lang.value === 'en' ? 'Error ' : '错误 ') + err.status;
  }
  return String(err.message || err);
}

export function url(path, query) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query || {}))
    if (v !== null && v !== undefined && v !== '') q.append(k, String(v));
  const s = q.toString();
  return BASE + path + (s ? '?' + s : '');
}

function retryAfterOf(h) {
  const v = h && parseInt(h, 10);
  return Number.isFinite(v) && v >= 0 ? v : null;
}

async function parse(res) {
  const text = await res.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

const sleep = ms => new Promise(r => setTimeout(r, ms));

async function request(method, path, { query, body, headers, denied = true, retried = 0 } = {}) {
  const h = { Accept: 'application/json', ...(headers || {}) };
  let payload;
  if (body !== undefined && !(body instanceof Blob) && !(body instanceof ArrayBuffer)) {
    h['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  } else {
    payload = body;
  }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) h['X-CSRF-Token'] = csrfToken;
  let res;
  try {
    res = await fetch(url(path, query), {
      method, headers: h, body: payload, credentials: 'same-origin', cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, null, null);
  }
  const data = await parse(res);
  if (res.ok) return data;
  const err = new ApiError(res.status, data, retryAfterOf(res.headers.get('Retry-After')));
  const again = { query, body, headers, denied, retried: retried + 1 };
  if (err.status === 403 && err.code === 'csrf' && !retried && handlers.refreshCsrf) {
    if (await handlers.refreshCsrf()) return request(method, path, again);
  }
  if (err.status === 503 && method === 'GET' && !retried) {
    await sleep(Math.min(err.retryAfter ?? 1, 3) * 1000);
    return request(method, path, again);
  }
  if (err.status === 401 && path !== '/session' && handlers.unauthorized) handlers.unauthorized(err);
  if (err.status === 403 && err.code === 'forbidden' && method === 'GET' && denied && handlers.forbidden)
    handlers.forbidden(err);
  throw err;
}

// upload(path, file, {query, reason, filename, onProgress}): POST the file
// itself as the body (X-Filename, X-Reason percent-encoded), with progress
// of the upload as onProgress(0..1).  `file` may also be an array of Files:
// they go as one multipart/form-data form (a part `files` each, named by
// its file; no X-Filename), which POST /imports reads as one import.
// Resolves with the answer's JSON; rejects with an ApiError as the other
// calls.
function upload(path, file, { query, reason, filename, onProgress } = {}) {
  const many = Array.isArray(file);
  return new Promise((resolve, reject) => {
    const x = new XMLHttpRequest();
    x.open('POST', url(path, query));
    x.setRequestHeader('Accept', 'application/json');
    if (!many) x.setRequestHeader('X-Filename', encodeURIComponent(filename || file.name || 'upload'));
    if (reason) x.setRequestHeader('X-Reason', encodeURIComponent(reason));
    if (csrfToken) x.setRequestHeader('X-CSRF-Token', csrfToken);
    if (onProgress) {
      x.upload.onprogress = e => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
      x.upload.onload = () => onProgress(1);
    }
    x.onerror = () => reject(new ApiError(0, null, null));
    x.onload = () => {
      let data = null;
      try { data = x.responseText ? JSON.parse(x.responseText) : null; } catch { data = null; }
      if (x.status >= 200 && x.status < 300) return resolve(data);
      const err = new ApiError(x.status, data, retryAfterOf(x.getResponseHeader('Retry-After')));
      if (err.status === 401 && handlers.unauthorized) handlers.unauthorized(err);
      reject(err);
    };
    let body = file;
    if (many) {
      body = new FormData();
      for (const f of file) body.append('files', f, f.name);
    }
    x.send(body);
  });
}

// download(path, query): GET a file the API sends as bytes (a document:
// XLSX, PDF) → { blob, filename }, the name from Content-Disposition
// (filename="…", ASCII as the server writes it).  A failure throws the
// ApiError of the JSON error, as the other calls; a 401 goes to the
// sign-in page, but a 403 does not go to the refusal page (the page
// that offered the button stays and shows the error).
async function download(path, query) {
  let res;
  try {
    res = await fetch(url(path, query), { method: 'GET', credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw new ApiError(0, null, null);
  }
  if (res.ok) {
    const m = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') || '');
    return { blob: await res.blob(), filename: m ? m[1] : 'download' };
  }
  const err = new ApiError(res.status, await parse(res), retryAfterOf(res.headers.get('Retry-After')));
  if (err.status === 401 && handlers.unauthorized) handlers.unauthorized(err);
  throw err;
}

export const api = {
  get: (path, query, opts) => request('GET', path, { ...opts, query }),
  // post(path, null, …): no body at all (routes that take none answer 413
  // to even "{}").
  post: (path, body, query, opts) => request('POST', path, { ...opts, query, body: body === null ? undefined : body ?? {} }),
  patch: (path, body, query, opts) => request('PATCH', path, { ...opts, query, body: body ?? {} }),
  put: (path, body, query, opts) => request('PUT', path, { ...opts, query, body: body ?? {} }),
  del: (path, query, opts) => request('DELETE', path, { ...opts, query }),
  upload,
  download,
  url,
};

export default api;
