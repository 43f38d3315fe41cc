export { open311Routes, type AskGraph, type GraphAnswer, type Open311Options } from './open311Routes';
export { open311Settings } from './config';
