export * from './taxonomy';
export * from './categories';
export * from './geo';
export * from './contact';
export * from './report';
export * from './time';
export * from './events';
export { SHARED_SDL, sharedScalarResolvers } from './sdl';
