import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTimeResolver, JSONResolver } from 'graphql-scalars';

/** SDL text every subgraph puts before its own (see sdl/shared.graphql). */
export const SHARED_SDL: string = readFileSync(join(__dirname, '..', 'sdl', 'shared.graphql'), 'utf8');

export const sharedScalarResolvers = {
  DateTime: DateTimeResolver,
  JSON: JSONResolver,
};
