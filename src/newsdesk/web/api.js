// The desk's reads from the newsdesk HTTP API (same server, same origin). Every error the API
// sends is {"error": {"code", "message"}}; it becomes an ApiError carrying both.

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

// Paths are relative to the page, so a desk served under a prefix (behind a proxy) still reaches
// its own API.
const BASE = new URL(".", document.baseURI);

/** GET `path` with the non-empty `params`; the parsed JSON, or an ApiError. */
export async function getJSON(path, params = {}, {signal} = {}) {
  const url = new URL(path.replace(/^\//, ""), BASE);
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") url.searchParams.set(key, String(value));
  }
  let response;
  try {
    response = await fetch(url, {headers: {Accept: "application/json"}, signal});
  } catch (error) {
    if (error.name === "AbortError") throw error;
    throw new ApiError(0, "network", `the newsdesk server did not answer ${url.pathname} (${error.message})`);
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(response.status, "not-json", `${url.pathname} answered ${response.status} without JSON`);
  }
  if (!response.ok) {
    const problem = body && body.error ? body.error : {code: String(response.status), message: response.statusText};
    throw new ApiError(response.status, problem.code, problem.message);
  }
  return body;
}

/** The URL of a static asset shipped with the desk (src/newsdesk/web/...). */
export function staticURL(path) {
  return new URL(`static/${path}`, BASE).href;
}
