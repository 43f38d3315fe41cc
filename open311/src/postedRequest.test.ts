import { Open311Error } from './open311Error';
import { reportOfPost } from './postedRequest';
import { servicesOf } from './services';

const services = servicesOf([
  { code: '02', name: '市政设施', parentCode: null },
  { code: '0202', name: '井盖', parentCode: '02' },
]);
const context = { service: (code: string) => services.find((service) => service.service_code === code), token: 'tok-1', now: new Date('2026-12-05T06:00:00Z') };
const refusal = (form: Record<string, string>) => {
  try {
    reportOfPost(form, context);
  } catch (error) {
    return error instanceof Open311Error ? { status: error.status, description: error.description } : error;
  }
  return null;
};

describe('reportOfPost', () => {
  it('makes an OPEN311 report of the service, the WGS-84 point, the address, the words and the phone, and drops names and email', () => {
    const report = reportOfPost(
      {
        service_code: '0202', lat: '30.6126', long: '114.2982', address_string: '解放大道1234号', description: '井盖丢了',
        phone: '13900000001', email: 'a@example.com', first_name: '三', last_name: '张', 'attribute[title]': '井盖缺失',
      },
      context,
    );
    expect(report).toEqual({
      channel: 'OPEN311', sourceId: 'tok-1', receivedAt: '2026-12-05T06:00:00.000Z', title: '井盖缺失', text: '井盖丢了',
      address: '解放大道1234号', location: { lat: 30.6126, lng: 114.2982, crs: 'WGS84' }, categoryHint: '0202', contact: '13900000001', intakeMode: 'ONLINE',
    });
    expect(JSON.stringify(report)).not.toMatch(/example\.com|张/);
  });

  it('says what is wrong when no words come: the service names the problem', () => {
    expect(reportOfPost({ service_code: '0202', address_id: 'A-17' }, context)).toMatchObject({ text: '井盖', address: null, location: null });
  });

  it.each([
    [{ lat: '30.6', long: '114.3' }, 400, /service_code was not provided/],
    [{ service_code: '9999', lat: '30.6', long: '114.3' }, 404, /service_code 9999/],
    [{ service_code: '0202' }, 400, /a location was not provided/],
    [{ service_code: '0202', lat: '30.6' }, 400, /long was not provided/],
    [{ service_code: '0202', lat: '91', long: '114.3' }, 400, /lat is not valid/],
    [{ service_code: '0202', lat: '30.6', long: '114.3E1' }, 400, /long is not valid/],
    [{ service_code: '0202', address_string: '某路', description: '坑'.repeat(4001) }, 400, /description is not valid/],
  ])('refuses %j with %i', (form, status, description) => {
    expect(refusal(form as Record<string, string>)).toEqual({ status, description: expect.stringMatching(description) });
  });
});
