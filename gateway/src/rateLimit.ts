import type { RequestHandler } from 'express';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { sendGraphQLError } from './httpErrors';

/**
 * At most `perMinute` requests a minute per credential: the `Authorization` token when there is one (an
 * operator, a department system, an intake system), else the client's address. Counted in this process's
 * memory (rate-limiter-flexible), before the body is read, so a refused request costs next to nothing.
 * `perMinute` 0 turns it off. Each gateway replica counts on its own.
 */
export function rateLimit(perMinute: number): RequestHandler {
  if (perMinute <= 0) return (_request, _response, next) => next();
  const limiter = new RateLimiterMemory({ points: perMinute, duration: 60 });
  return async (request, response, next) => {
    const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization?.trim() ?? '')?.[1];
    try {
      await limiter.consume(token ? `token:${token}` : `address:${request.ip ?? request.socket.remoteAddress ?? ''}`);
      next();
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) return next(refusal);
      const retryAfter = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
      response.setHeader('Retry-After', String(retryAfter));
      sendGraphQLError(response, 429, `more than ${perMinute} requests a minute from this credential; retry after ${retryAfter} s`, 'RATE_LIMITED', {
        limit: perMinute,
        retryAfterSeconds: retryAfter,
      });
    }
  };
}
