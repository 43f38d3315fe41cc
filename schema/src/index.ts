export * from './taxonomy';
export * from './categories';
export * from './geo';
export * from './contact';
export * from './report';
export * from './time';
export { SHARED_SDL, sharedScalarResolvers } from './sdl';
