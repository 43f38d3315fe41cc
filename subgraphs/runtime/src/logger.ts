import pino from 'pino';
import { settings } from './config';

export type Logger = pino.Logger;

export function createLogger(name: string): Logger {
  return pino({ name, level: settings.logLevel });
}
