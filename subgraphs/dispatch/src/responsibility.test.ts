import { DEFAULT_ORGANISATION_FILE } from './config';
import { loadOrganisationFile } from './organisation';
import { OrgChart } from './orgChart';
import { escalationTarget, handOverRefusal, responsibleDepartment } from './responsibility';

const org = new OrgChart(loadOrganisationFile(DEFAULT_ORGANISATION_FILE));
const xingye = { streetId: 'houhu', communityId: 'houhu-xingye' };
const department = (id: string) => org.department(id)!;

describe('the responsibility matrix', () => {
  it('sends a community case to its community station, a street case to its street office', () => {
    expect(responsibleDepartment(org, '0101', 'A1', xingye)).toMatchObject({ department: { id: 'houhu-xingye-station' }, unclear: false });
    expect(responsibleDepartment(org, '0401', 'B', xingye)).toMatchObject({ department: { id: 'houhu-office' }, unclear: false });
  });

  it('sends a district case to the department whose category prefix matches longest', () => {
    expect(responsibleDepartment(org, '0204', 'C', xingye).department.id).toBe('jiangan-water');
    expect(responsibleDepartment(org, '0105', 'C', xingye).department.id).toBe('jiangan-garden'); // 0105 beats 城管's 01
    expect(responsibleDepartment(org, '0202', 'C', { streetId: null, communityId: null }).department.id).toBe('jiangan-urban');
  });

  it('sends an unclear case to the command centre of the level above', () => {
    // no community found: the street's command centre assigns it
    const noCommunity = responsibleDepartment(org, '0101', 'A1', { streetId: 'erqi', communityId: null });
    expect(noCommunity).toMatchObject({ department: { id: 'erqi-cc' }, unclear: true, reason: expect.stringContaining('权责不清') });
    // not even a street: the district's
    expect(responsibleDepartment(org, '0401', 'B', { streetId: null, communityId: null }).department.id).toBe('jiangan-cc');
    // no district department for the category: the city's
    expect(responsibleDepartment(org, '9901', 'C', xingye)).toMatchObject({ department: { id: 'wuhan-cc' }, unclear: true });
  });

  it('calls a tie between departments unclear', () => {
    const tied = new OrgChart({
      ...org.file,
      departments: [...org.file.departments, { ...department('jiangan-water'), id: 'jiangan-water-2', name: '另一个水务部门' }],
    });
    expect(responsibleDepartment(tied, '0204', 'C', xingye)).toMatchObject({ department: { id: 'wuhan-cc' }, unclear: true, reason: expect.stringContaining('多个部门') });
  });

  it('escalates to the command centre above the holder, and not beyond the city', () => {
    expect(escalationTarget(org, department('houhu-xingye-station'), xingye)).toMatchObject({ id: 'houhu-cc' });
    expect(escalationTarget(org, department('houhu-office'), xingye)).toMatchObject({ id: 'jiangan-cc' });
    expect(escalationTarget(org, department('jiangan-water'), xingye)).toMatchObject({ id: 'wuhan-cc' });
    expect(escalationTarget(org, department('wuhan-power'), xingye)).toEqual({ refused: expect.stringContaining('no level above') });
  });

  it('首问负责: a district department may not return a case to a street or community', () => {
    const water = department('jiangan-water');
    expect(handOverRefusal(water, water, department('houhu-office'))).toContain('首问负责');
    expect(handOverRefusal(water, water, department('houhu-xingye-station'))).toContain('首问负责');
    expect(handOverRefusal(water, water, department('jiangan-urban'))).toBeNull();
    // the command centre assigns anywhere
    expect(handOverRefusal(department('jiangan-cc'), water, department('houhu-office'))).toBeNull();
  });
});
