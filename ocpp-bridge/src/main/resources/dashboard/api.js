// The admin API as the page reads it: same origin, bearer token, JSON; refusals are
// application/problem+json (docs/ocpp-bridge.md). The page sends only query parameters the
// endpoints declare: the bridge refuses unknown ones with 400.

const TOKEN_KEY = 'pnc.adminToken';

export class TokenRefused extends Error {}

export class ApiError extends Error {
  constructor(message, status, problem) {
    super(message);
    this.status = status;
    this.problem = problem;
  }
}

// The fragment's parameters: token, station (the detail view), sort (the station table).
export const hashParams = () => new URLSearchParams(location.hash.slice(1));

// The token travels in the fragment (never sent to a server, never logged); it moves to
// sessionStorage and leaves the address bar so it does not linger in history or screenshots. The
// rest of the fragment (a station, a sort) stays.
export function takeTokenFromUrl() {
  const params = hashParams();
  const token = params.get('token');
  if (token) {
    sessionStorage.setItem(TOKEN_KEY, token);
    params.delete('token');
    const rest = params.toString();
    history.replaceState(null, '', location.pathname + location.search + (rest ? `#${rest}` : ''));
  }
}

export const token = () => sessionStorage.getItem(TOKEN_KEY);
export const setToken = (value) => sessionStorage.setItem(TOKEN_KEY, value);
export const dropToken = () => sessionStorage.removeItem(TOKEN_KEY);

export async function getJson(path) {
  let res;
  try {
    // Relative to the page, so a bridge behind a path prefix still works.
    res = await fetch(new URL(`../${path}`, location.href), {
      headers: { Authorization: `Bearer ${token()}`, Accept: 'application/json' },
      cache: 'no-store',
      signal: AbortSignal.timeout(10000),
    });
  } catch (e) {
    throw new ApiError(`${path}: ${e.name === 'TimeoutError' ? 'timed out' : 'bridge not reachable'}`, 0, null);
  }
  if (res.status === 401) throw new TokenRefused();
  if (!res.ok) {
    let problem = null;
    try {
      problem = await res.json();
    } catch (e) {
      // not problem+json (a proxy's error page): the status says enough
    }
    throw new ApiError(`${path}: HTTP ${res.status}`, res.status, problem);
  }
  return res.json();
}
