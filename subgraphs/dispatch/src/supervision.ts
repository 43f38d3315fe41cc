import { publishEvent, type Clock, type Database } from '@huying/runtime';
import type { SlaLightChangedEvent } from '@huying/schema';
import { DISPATCH_SCHEMA, type AssignmentRecord, type ReminderRole } from './model';
import type { Notifier } from './notifier';
import type { OrgChart } from './orgChart';
import type { DepartmentConfig } from './organisation';
import { dueForSupervisionPush, reminderRecipient, slaLight, type SlaLight } from './slaLight';
import * as store from './store';

export interface SupervisionDeps {
  db: Database;
  clock: Clock;
  org: OrgChart;
  notifier: Notifier;
}

export interface SweepReport {
  checked: number;
  lightsChanged: number;
  remindersCreated: number;
  pushedToSupervision: number;
  remindersSent: number;
  remindersFailed: number;
}

const PAGE = 500;

/**
 * The 督办 sweep (node-cron runs it; tests call it): moves each open assignment's light (yellow at half
 * its time, red when overdue), reminds the responsible head at yellow and the main head at red, pushes
 * an assignment red for longer than the city's limit to the supervision office, then sends what is unsent.
 */
export async function superviseAssignments(deps: SupervisionDeps): Promise<SweepReport> {
  const report: SweepReport = { checked: 0, lightsChanged: 0, remindersCreated: 0, pushedToSupervision: 0, remindersSent: 0, remindersFailed: 0 };
  let afterId: string | null = null;
  for (;;) {
    const page = await store.openAssignmentsWithDeadline(deps.db, afterId, PAGE);
    for (const candidate of page) {
      report.checked += 1;
      await superviseOne(deps, candidate.id, report);
    }
    if (page.length < PAGE) break;
    afterId = page[page.length - 1]!.id;
  }
  await sendUnsentReminders(deps, report);
  return report;
}

async function superviseOne(deps: SupervisionDeps, id: string, report: SweepReport): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const record = await store.assignmentForUpdate(tx, id);
    if (!record || !['DISPATCHED', 'SIGNED', 'IN_PROGRESS'].includes(record.state)) return;
    const department = deps.org.department(record.departmentId);
    if (!department) return;
    const light = slaLight(record.dueFrom ?? record.dispatchedAt, record.dueAt, now);
    let next: AssignmentRecord = record;
    if (light !== record.slaLight) {
      next = { ...next, slaLight: light, redSince: light === 'RED' ? record.dueAt : null, updatedAt: now };
      const changed: SlaLightChangedEvent = { assignmentId: record.id, caseId: record.caseId, departmentId: record.departmentId, light, at: now.toISOString() };
      await publishEvent(tx, DISPATCH_SCHEMA, { type: 'SlaLightChanged', aggregateId: record.caseId, occurredAt: now, payload: { ...changed } });
      report.lightsChanged += 1;
      const role = reminderRecipient(light);
      if (role) {
        const head = role === 'RESPONSIBLE_HEAD' ? department.heads.responsible : department.heads.main;
        if (await store.insertReminder(tx, reminderFor(record, department, role, head, light, now))) report.remindersCreated += 1;
      }
    }
    if (next.slaLight === 'RED' && !next.pushedToSupervisionAt && dueForSupervisionPush(next.redSince, now, deps.org.file.supervision.pushAfterMinutes)) {
      const office = deps.org.supervisionOffice();
      next = { ...next, pushedToSupervisionAt: now, updatedAt: now };
      if (await store.insertReminder(tx, reminderFor(record, department, 'SUPERVISION_OFFICE', office.heads.main, 'RED', now, office))) report.remindersCreated += 1;
      report.pushedToSupervision += 1;
    }
    if (next !== record) await store.saveAssignment(tx, next);
  });
}

const ROLE_NAMES: Record<ReminderRole, string> = { RESPONSIBLE_HEAD: '分管负责人', MAIN_HEAD: '主要负责人', SUPERVISION_OFFICE: '督查室' };

function reminderFor(
  record: AssignmentRecord,
  department: DepartmentConfig,
  role: ReminderRole,
  head: { name: string; phone: string },
  light: SlaLight,
  now: Date,
  office?: DepartmentConfig,
) {
  const due = record.dueAt ? beijingTime(record.dueAt) : '未定';
  const state = light === 'YELLOW' ? '已过办理时限一半(黄灯)' : '已超期(红灯)';
  const message = office
    ? `【督办】${department.name}承办的案件${record.caseId.slice(0, 8)}红灯超时未办结(时限${due})，已推送${office.name}督办。`
    : `【督办提醒】${head.name}(${ROLE_NAMES[role]})：${department.name}承办的案件${record.caseId.slice(0, 8)}${state}，办理时限${due}，请督促办理。`;
  return {
    caseId: record.caseId,
    assignmentId: record.id,
    departmentId: office?.id ?? department.id,
    recipientRole: role,
    recipientName: head.name,
    recipientPhone: head.phone,
    light,
    message,
    createdAt: now,
  };
}

function beijingTime(at: Date): string {
  return new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short', hourCycle: 'h23' }).format(at);
}

/** How long a sweep holds the reminders it is sending; a crashed sender's claims lapse after it. */
const REMINDER_CLAIM_MS = 60_000;

async function sendUnsentReminders(deps: SupervisionDeps, report: SweepReport): Promise<void> {
  const now = deps.clock.now();
  for (const reminder of await store.claimUnsentReminders(deps.db, now, new Date(now.getTime() + REMINDER_CLAIM_MS), 1000)) {
    try {
      await deps.notifier.send({ reminderId: reminder.id, phone: reminder.recipientPhone, text: reminder.message });
      await store.markReminder(deps.db, reminder.id, { sentAt: deps.clock.now() });
      report.remindersSent += 1;
    } catch (error) {
      await store.markReminder(deps.db, reminder.id, { error: (error as Error).message });
      report.remindersFailed += 1;
    }
  }
}
