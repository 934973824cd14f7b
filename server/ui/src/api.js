// The one place that calls the ragops REST API. The API key lives in localStorage and goes out
// as "Authorization: Bearer <key>", the header the server's AuthFilter reads.

const KEY_STORAGE = 'ragops.apiKey';

export function storedKey() {
  return localStorage.getItem(KEY_STORAGE) || '';
}

export function storeKey(key) {
  if (key) localStorage.setItem(KEY_STORAGE, key);
  else localStorage.removeItem(KEY_STORAGE);
}

/** A non-2xx answer; `problem` is the problem+json body when there is one. */
export class ApiError extends Error {
  constructor(status, path, problem) {
    const detail = problem && typeof problem === 'object'
      ? [problem.title, problem.detail].filter(Boolean).join(': ')
      : String(problem || '');
    super(`${status} ${detail || 'error'}`);
    this.status = status;
    this.path = path;
    this.problem = problem;
  }

  /**
   * True when the server has no such route (Micronaut's "Page Not Found"), as opposed to a 404
   * for a collection or document that does not exist.
   */
  get routeMissing() {
    const detail = this.problem && typeof this.problem === 'object' ? this.problem.detail : null;
    return this.status === 404 && (!detail || detail === 'Page Not Found');
  }
}

/**
 * Calls the API. `body` is sent as JSON, or as is when it is FormData. Answers the parsed JSON
 * (null for 204) or throws ApiError.
 */
export async function api(method, path, body) {
  const headers = {};
  const key = storedKey();
  if (key) headers.Authorization = `Bearer ${key}`;
  let payload;
  if (body instanceof FormData) {
    payload = body;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const response = await fetch(path, { method, headers, body: payload });
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await response.json() : await response.text();
  if (!response.ok) throw new ApiError(response.status, path, data);
  return data;
}

/** The API path of a collection, with `rest` appended. */
export function coll(name, rest = '') {
  return `/v1/collections/${encodeURIComponent(name)}${rest}`;
}
