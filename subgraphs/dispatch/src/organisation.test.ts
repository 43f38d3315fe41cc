import { readFileSync } from 'node:fs';
import { stringify, parse } from 'yaml';
import { DEFAULT_ORGANISATION_FILE } from './config';
import { loadOrganisationFile, OrganisationFileError, parseOrganisation } from './organisation';
import { OrgChart } from './orgChart';

const shipped = () => parse(readFileSync(DEFAULT_ORGANISATION_FILE, 'utf8'));

describe('the organisation file', () => {
  it('ships a valid default for 江岸区 with the departments the seeds name', () => {
    const file = loadOrganisationFile(DEFAULT_ORGANISATION_FILE);
    expect(file.district.name).toBe('武汉市江岸区');
    const names = file.departments.map((department) => department.name).join(' ');
    for (const word of ['水务', '园林', '城市管理', '房屋管理', '住房', '生态环境', '市场监督']) expect(names).toContain(word);
    expect(file.classification.timeLimits).toMatchObject({ A1: 30, A2: 120, QUICK: 1440, EMERGENCY: 60 });
  });

  it('refuses a bad file and names every offending field', () => {
    const bad = shipped();
    bad.departments[0].level = 'PROVINCE';
    bad.departments[1].areas = ['nowhere'];
    bad.supervision.office = 'jiangan-water';
    let error: unknown;
    try {
      parseOrganisation(stringify(bad), 'bad.yaml');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(OrganisationFileError);
    // schema errors are reported first; fix them and the cross references are checked
    expect((error as OrganisationFileError).issues.map((issue) => issue.path)).toContain('departments.0.level');
    bad.departments[0].level = 'CITY';
    expect(() => parseOrganisation(stringify(bad), 'bad.yaml')).toThrow(/departments\.1\.areas\.0: no district, street or community "nowhere"[\s\S]*supervision\.office/);
  });

  it('refuses text that is not YAML, and a missing file', () => {
    expect(() => parseOrganisation('departments: [', 'x.yaml')).toThrow(OrganisationFileError);
    expect(() => loadOrganisationFile('/nonexistent/org.yaml')).toThrow(/cannot be read/);
  });

  it('places a case by its address, else by the nearest community centre, else only its street', () => {
    const org = new OrgChart(loadOrganisationFile(DEFAULT_ORGANISATION_FILE));
    expect(org.place('江岸区兴业路18号', null)).toEqual({ streetId: 'houhu', communityId: 'houhu-xingye' });
    expect(org.place(null, { lng: 114.2768, lat: 30.6019 })).toEqual({ streetId: 'taibei', communityId: 'taibei-taibeilu' });
    expect(org.place('江岸区二七街某处', { lng: 100, lat: 20 })).toEqual({ streetId: 'erqi', communityId: null });
    expect(org.place('武昌区某路', null)).toEqual({ streetId: null, communityId: null });
    // no address, no coordinates: a message-board post is placed by the places its text names
    expect(org.place(null, null, '惠民苑13栋楼道灯坏了一个多月')).toEqual({ streetId: 'chenjiaji', communityId: 'chenjiaji-huiminyuan' });
    // an address that names a place wins over the text
    expect(org.place('江岸区兴业路18号', null, '惠民苑的问题')).toEqual({ streetId: 'houhu', communityId: 'houhu-xingye' });
    expect(org.place(null, null, '我想反映一个问题')).toEqual({ streetId: null, communityId: null });
  });
});
