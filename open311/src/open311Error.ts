/**
 * An error as GeoReport v2 answers it: an HTTP status and `[{ code, description }]` (or `<errors>`).
 * 400 a parameter is missing or malformed, 403 the api_key is missing or may not do this, 404 no such
 * service, request, token or format; the spec leaves others to the city (405 a wrong method, 503 a part of
 * the hub is down).
 */
export class Open311Error extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 405 | 500 | 503,
    readonly description: string,
  ) {
    super(description);
    this.name = 'Open311Error';
  }
}

export const missing = (parameter: string, why = '') => new Open311Error(400, `${parameter} was not provided${why}`);
export const malformed = (parameter: string, expected: string) => new Open311Error(400, `${parameter} is not valid: ${expected}`);
