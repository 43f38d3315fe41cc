export { hotlineService, HOTLINE_SDL, type HotlineServiceOptions } from './service';
export { hotlineAdapter } from './client';
export { mapTicket } from './mapping';
export { startHotlineSimulator, ticketOf, type HotlineSimulatorOptions } from './simulator';
export { hotlineSettings } from './config';
export type { LegacyTicket, TicketPage } from './legacyTicket';
