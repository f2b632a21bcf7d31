import { t, type StringKey } from '../i18n.js';

export type Person = {
  name: string;
  gender: 'male' | 'female';
  birthDate: string;
  idNumber: string;
  phone: string;
};

export const emptyPerson = (): Person => ({
  name: '',
  gender: 'male',
  birthDate: '',
  idNumber: '',
  phone: '',
});

/** The person as the API takes it (an empty phone is left out). */
export function personBody(p: Person) {
  return {
    name: p.name.trim(),
    gender: p.gender,
    birthDate: p.birthDate,
    idNumber: p.idNumber.trim(),
    ...(p.phone.trim() ? { phone: p.phone.trim() } : {}),
  };
}

export const personComplete = (p: Person) => !!(p.name.trim() && p.birthDate && p.idNumber.trim());

/** A labelled input of the registers' forms. */
export function Field({
  id,
  label,
  required,
  children,
}: {
  id: string;
  label: StringKey;
  required?: boolean;
  children: React.ReactNode;
}) {
  return (
    <>
      <label className="field-label" htmlFor={id}>
        {t(label)}
        {required && <span className="req"> *</span>}
      </label>
      {children}
    </>
  );
}

/** Name, gender, date of birth, ID number and phone of one person. */
export function PersonFields({ value, onChange }: { value: Person; onChange: (p: Person) => void }) {
  const set = (patch: Partial<Person>) => onChange({ ...value, ...patch });
  return (
    <>
      <Field id="reg-name" label="regName" required>
        <input
          id="reg-name"
          className="input"
          data-testid="reg-name"
          value={value.name}
          maxLength={20}
          onChange={(e) => set({ name: e.target.value })}
        />
      </Field>
      <Field id="reg-gender" label="regGender" required>
        <select
          id="reg-gender"
          className="input"
          data-testid="reg-gender"
          value={value.gender}
          onChange={(e) => set({ gender: e.target.value as Person['gender'] })}
        >
          <option value="male">{t('regMale')}</option>
          <option value="female">{t('regFemale')}</option>
        </select>
      </Field>
      <Field id="reg-birth" label="regBirthDate" required>
        <input
          id="reg-birth"
          className="input"
          type="date"
          data-testid="reg-birth"
          value={value.birthDate}
          onChange={(e) => set({ birthDate: e.target.value })}
        />
      </Field>
      <Field id="reg-id" label="regIdNumber" required>
        <input
          id="reg-id"
          className="input"
          data-testid="reg-id"
          inputMode="text"
          autoComplete="off"
          maxLength={18}
          value={value.idNumber}
          onChange={(e) => set({ idNumber: e.target.value })}
        />
      </Field>
      <Field id="reg-phone" label="regPhone">
        <input
          id="reg-phone"
          className="input"
          data-testid="reg-phone"
          inputMode="tel"
          maxLength={11}
          value={value.phone}
          onChange={(e) => set({ phone: e.target.value })}
        />
      </Field>
    </>
  );
}

/** The date of a move into the household or the grid (optional: left empty, none is sent). */
export function OnField({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  return (
    <Field id="reg-on" label="regOn">
      <input
        id="reg-on"
        className="input"
        type="date"
        data-testid="reg-on"
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </Field>
  );
}
