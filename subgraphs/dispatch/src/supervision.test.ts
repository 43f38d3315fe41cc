import { randomUUID } from 'node:crypto';
import { dataKeys, ManualClock, testBackends, type Database } from '@huying/runtime';
import { planNewCase, type DispatchDeps } from './dispatcher';
import { recordedNotifier, type Notifier } from './notifier';
import * as store from './store';
import { superviseAssignments } from './supervision';
import { migratedDispatch } from './testOrganisation';

describe.each(testBackends())('the 督办 sweep on $kind', (backend) => {
  let db: Database;
  let dispose: () => Promise<void>;
  let clock: ManualClock;
  let deps: DispatchDeps;
  let notifier: Notifier;
  const sweep = () => superviseAssignments({ ...deps, notifier });
  // The recorded texts, their numbers opened (they are sealed at rest).
  const texts = async () =>
    (await db.query<{ phone: string; message: string }>(`SELECT phone, message FROM dispatch.sms_outbox ORDER BY id`)).map((row) => {
      expect(row.phone).not.toMatch(/^1\d{10}$/);
      return { ...row, phone: dataKeys().open(row.phone) };
    });

  beforeEach(async () => {
    ({ db, dispose } = await backend.open());
    clock = new ManualClock('2026-11-20T02:00:00Z');
    deps = await migratedDispatch(db, clock);
    notifier = recordedNotifier(db, () => clock.now());
  });
  afterEach(() => dispose());

  async function openA2Case(receivedAt = clock.now()) {
    // 邻里纠纷 in 兴业路社区: A2, 2 hours, the community station
    const caseId = randomUUID();
    await db.transaction((tx) =>
      planNewCase(tx, deps, { caseId, title: '', text: '楼上邻居纠纷', categoryCode: '1001', categoryHint: null, channel: 'HOTLINE', address: '兴业路', location: null, createdAt: receivedAt.toISOString() }),
    );
    return (await store.assignmentsByCaseIds(db, [caseId])).get(caseId)![0]!;
  }

  it('counts the half-way point from receipt, like the deadline, not from a later dispatch', async () => {
    // Received 30 minutes before it is dispatched: due 2 h after receipt, yellow from 1 h after receipt.
    const assignment = await openA2Case(new Date(clock.now().getTime() - 30 * 60_000));
    expect(assignment.dueAt).toEqual(new Date('2026-11-20T03:30:00Z'));
    clock.advance(29 * 60_000);
    expect(await sweep()).toMatchObject({ lightsChanged: 0 });
    clock.advance(60_000); // 1 h after receipt, 30 min after dispatch
    expect(await sweep()).toMatchObject({ lightsChanged: 1 });
    expect((await store.assignmentsByIds(db, [assignment.id])).get(assignment.id)!.slaLight).toBe('YELLOW');
  });

  it('sends each reminder once when two replicas sweep at the same moment', async () => {
    for (let i = 0; i < 6; i++) await openA2Case();
    clock.advance(60 * 60_000); // half of every case's 2 hours: six yellow lights, six reminders
    const sent: string[] = [];
    // A gateway slow enough that the two sweeps' sends overlap.
    const slow: Notifier = { send: async (message) => void (await new Promise((resolve) => setTimeout(resolve, 20)), sent.push(message.reminderId)) };
    const [first, second] = await Promise.all([superviseAssignments({ ...deps, notifier: slow }), superviseAssignments({ ...deps, notifier: slow })]);
    expect(first.lightsChanged + second.lightsChanged).toBe(6);
    expect(first.remindersCreated + second.remindersCreated).toBe(6);
    expect(sent).toHaveLength(6);
    expect(new Set(sent).size).toBe(6);
    expect(first.remindersSent + second.remindersSent).toBe(6);
  });

  it('turns yellow at half the limit and reminds the responsible head; red when overdue and reminds the main head', async () => {
    const assignment = await openA2Case();
    clock.advance(59 * 60_000);
    expect(await sweep()).toMatchObject({ checked: 1, lightsChanged: 0 });

    clock.advance(60_000); // 1 hour of 2: half
    expect(await sweep()).toMatchObject({ lightsChanged: 1, remindersCreated: 1, remindersSent: 1 });
    let current = (await store.assignmentsByIds(db, [assignment.id])).get(assignment.id)!;
    expect(current.slaLight).toBe('YELLOW');
    expect(await texts()).toEqual([{ phone: '13900001001', message: expect.stringContaining('兴业路社区副书记(分管负责人)') }]);

    expect(await sweep()).toMatchObject({ lightsChanged: 0, remindersCreated: 0, remindersSent: 0 }); // nothing twice

    clock.set('2026-11-20T04:00:01Z');
    expect(await sweep()).toMatchObject({ lightsChanged: 1, remindersCreated: 1 });
    current = (await store.assignmentsByIds(db, [assignment.id])).get(assignment.id)!;
    expect(current).toMatchObject({ slaLight: 'RED', redSince: new Date('2026-11-20T04:00:00Z'), pushedToSupervisionAt: null });
    expect((await texts())[1]).toEqual({ phone: '13900001002', message: expect.stringContaining('兴业路社区书记(主要负责人)') });

    const lights = await db.query<{ payload: { light: string } }>(`SELECT payload FROM dispatch.outbox WHERE type = 'SlaLightChanged' ORDER BY seq`);
    expect(lights.map((row) => row.payload.light)).toEqual(['YELLOW', 'RED']);
  });

  it('pushes a case red for longer than the configured time to the supervision office, once', async () => {
    const assignment = await openA2Case();
    clock.set('2026-11-20T04:00:01Z');
    await sweep();
    clock.set('2026-11-20T07:59:59Z'); // red for 3 h 59 min 59 s of the 240 minutes
    expect(await sweep()).toMatchObject({ pushedToSupervision: 0 });
    clock.set('2026-11-20T08:00:00Z');
    expect(await sweep()).toMatchObject({ pushedToSupervision: 1, remindersCreated: 1 });
    expect(await sweep()).toMatchObject({ pushedToSupervision: 0, remindersCreated: 0 });
    expect((await store.supervisedAssignments(db, 10)).map((row) => row.id)).toEqual([assignment.id]);
    const reminders = (await store.remindersByCaseIds(db, [assignment.caseId])).get(assignment.caseId)!;
    expect(reminders.map((reminder) => [reminder.recipientRole, reminder.departmentId])).toEqual([
      ['MAIN_HEAD', 'houhu-xingye-station'],
      ['SUPERVISION_OFFICE', 'jiangan-supervision'],
    ]);
    expect((await texts()).at(-1)).toEqual({ phone: '13900000014', message: expect.stringContaining('已推送江岸区委区政府督查室督办') });
  });

  it('keeps a reminder the SMS gateway refused and sends it at the next sweep', async () => {
    await openA2Case();
    const sent: string[] = [];
    let gatewayUp = false;
    notifier = {
      async send(message) {
        if (!gatewayUp) throw new Error('SMS gateway answered 503');
        sent.push(message.phone);
      },
    };
    clock.advance(61 * 60_000);
    expect(await sweep()).toMatchObject({ remindersCreated: 1, remindersSent: 0, remindersFailed: 1 });
    gatewayUp = true;
    expect(await sweep()).toMatchObject({ remindersCreated: 0, remindersSent: 1 });
    expect(sent).toEqual(['13900001001']);
  });
});
