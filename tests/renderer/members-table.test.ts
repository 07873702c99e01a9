import { afterEach, describe, expect, it } from 'vitest';
import { nextTick, reactive } from 'vue';
import MembersTable from '../../src/renderer/src/components/MembersTable.vue';
import { useFieldIssues } from '../../src/renderer/src/composables/useFieldIssues';
import { newMemberRow, type MemberRow } from '../../src/renderer/src/forms/household-form';
import { mountWithApp } from './support';

afterEach(() => {
  document.body.innerHTML = '';
});

async function mountTable(count = 1) {
  const members = reactive<MemberRow[]>(Array.from({ length: count }, (_, i) => newMemberRow(i === 0)));
  const { wrapper } = await mountWithApp(MembersTable, {
    props: { modelValue: members, issues: useFieldIssues() },
  });
  return { wrapper, members };
}

describe('MembersTable: a typed ID number fills birth date and sex', () => {
  it('reads 1949-12-31 and 女 from the GB 11643 example 11010519491231002X', async () => {
    const { wrapper, members } = await mountTable();

    await wrapper.find('input[data-test="member-idNumber"]').setValue('11010519491231002X');
    await nextTick();

    expect(members[0]).toMatchObject({ birthDate: '1949-12-31', sex: '2' });
    expect((wrapper.find('input[data-test="member-birthDate"]').element as HTMLInputElement).value).toBe('1949-12-31');
    expect(wrapper.find('[data-test="member-sex"]').text()).toContain('女');
  });

  it('reads 1980-01-01 and 男 from 110101198001019998, in the row it was typed into', async () => {
    const { wrapper, members } = await mountTable(2);

    await wrapper.findAll('input[data-test="member-idNumber"]')[1]!.setValue('110101198001019998');
    await nextTick();

    expect(members[1]).toMatchObject({ birthDate: '1980-01-01', sex: '1' });
    expect(wrapper.findAll('[data-test="member-sex"]')[1]!.text()).toContain('男');
    expect(members[0]).toMatchObject({ birthDate: '', sex: '' });
  });

  it('corrects sex and birth date the clerk guessed wrongly once the ID is complete', async () => {
    const { wrapper, members } = await mountTable();
    members[0]!.sex = '1';
    members[0]!.birthDate = '1950-01-01';

    await wrapper.find('input[data-test="member-idNumber"]').setValue('11010519491231002X');

    expect(members[0]).toMatchObject({ birthDate: '1949-12-31', sex: '2' });
  });

  it('leaves sex and birth date alone while the number is incomplete or wrong', async () => {
    const { wrapper, members } = await mountTable();
    const id = wrapper.find('input[data-test="member-idNumber"]');

    await id.setValue('1101051949');
    expect(members[0]).toMatchObject({ birthDate: '', sex: '' });
    await id.setValue('110105194912310021'); // wrong check digit
    expect(members[0]).toMatchObject({ birthDate: '', sex: '' });
  });

  it('adds a row (focused on its name) and removes one', async () => {
    const { wrapper, members } = await mountTable();

    await wrapper.find('[data-test="member-add"]').trigger('click');
    await nextTick();
    expect(members).toHaveLength(2);
    expect(members[1]!.relationship).toBe(''); // only the first person is presumed to be the head
    expect(document.activeElement).toBe(wrapper.findAll('input[data-test="member-name"]')[1]!.element);

    await wrapper.findAll('[data-test="member-remove"]')[0]!.trigger('click');
    expect(members).toHaveLength(1);
  });
});
