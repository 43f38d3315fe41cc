import type { Mapping } from '@huying/connector-kit';
import { parseShanghaiLocalTime } from '@huying/schema';
import type { LegacyTicket } from './legacyTicket';

/** A 12345 work order → our report, plus the ticket's own fields for `Report.hotlineTicket`. */
export function mapTicket(ticket: LegacyTicket): Mapping {
  if (typeof ticket?.gdbh !== 'string' || ticket.gdbh.trim() === '') return { ok: false, reason: 'gdbh (ticket number) is missing' };
  const callTime = parseShanghaiLocalTime(String(ticket.ldsj ?? ''));
  if (!callTime) return { ok: false, reason: `ldsj (call time) "${ticket.ldsj}" is not a valid local time` };
  const [agentId = '', ...agentName] = String(ticket.slzx ?? '').split(' ');
  return {
    ok: true,
    report: {
      channel: 'HOTLINE',
      sourceId: ticket.gdbh,
      receivedAt: callTime,
      title: ticket.sqbt,
      text: ticket.sqnr,
      address: ticket.fsdz,
      location: null,
      categoryHint: ticket.sqfl?.split('-').at(-1) ?? null,
      contact: ticket.ldhm,
      intakeMode: 'ONLINE',
    },
    native: {
      ticketNo: ticket.gdbh,
      callTime: callTime.toISOString(),
      agentId,
      agentName: agentName.join(' '),
      callbackWanted: ticket.sfhf === '是',
      agentCategory: ticket.sqfl || null,
      status: ticket.gdzt || null,
      reply: ticket.blfk || null,
    },
  };
}
