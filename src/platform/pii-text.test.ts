import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskPiiText } from './pii-text.js';

/** [input, expected output] — positives mask, negatives survive unchanged. */
const TABLE: Array<[string, string]> = [
  // mobiles
  ['电话13912345678', '电话139****5678'],
  ['电话 139-1234-5678 谢谢', '电话 139****5678 谢谢'],
  ['联系139 8765 4321', '联系139****4321'],
  ['请打１３９１２３４５６７８', '请打139****5678'],
  ['手机：+86 139 1234 5678', '手机：+86 139****5678'],
  ['手机：+8613912345678', '手机：+86139****5678'],
  ['0086-13912345678', '0086-139****5678'],
  ['(+86)139-1234-5678', '(+86)139****5678'],
  ['＋８６ １３９ １２３４ ５６７８', '+86 139****5678'],
  ['tel13912345678', 'tel139****5678'],
  ['两个号码13912345678和15887654321', '两个号码139****5678和158****4321'],
  ['139－1234－5678', '139****5678'],
  // ID numbers
  ['身份证211221199001011234', '身份证2****************4'],
  ['身份证21122119900101123X', '身份证2****************X'],
  ['身份证21122119900101123x号', '身份证2****************X号'],
  ['211221 19900101 1234', '2****************4'],
  ['2112 2119 9001 0112 34', '2****************4'],
  ['老证号211221900101123', '老证号2*************3'],
  ['２１１２２１１９９００１０１１２３４', '2****************4'],
  // landlines and other long runs
  ['座机024-12345678', '座机024-12****78'],
  ['座机02412345678', '座机02*******78'],
  ['门禁码8765432', '门禁码87***32'],
  ['电话13912345678 123号楼', '电话139****5678 123号楼'],
  // survive: dates, amounts, case numbers, short numbers
  ['2026-12-06 下午3点', '2026-12-06 下午3点'],
  ['20261206已处理', '20261206已处理'],
  ['2026年12月6日', '2026年12月6日'],
  ['案件211221-20261206-000123已办结', '案件211221-20261206-000123已办结'],
  ['维修费1234567元', '维修费1234567元'],
  ['总额¥2500000', '总额¥2500000'],
  ['拨款12345678.50元', '拨款12345678.50元'],
  ['时间 2022-12-28 09:41 报', '时间 2022-12-28 09:41 报'],
  ['12,345.67元', '12,345.67元'],
  ['3号楼2单元501室', '3号楼2单元501室'],
  ['类别E0102 路边垃圾', '类别E0102 路边垃圾'],
  ['约150米', '约150米'],
  ['no digits at all', 'no digits at all'],
  ['', ''],
];

describe('maskPiiText', () => {
  it.each(TABLE)('%s', (input, expected) => {
    expect(maskPiiText(input)).toBe(expected);
  });

  it('leaves no mobile number or ID number recognisable in any spacing', () => {
    const digit = fc.integer({ min: 0, max: 9 }).map(String);
    const sep = fc.constantFrom('', ' ', '-', '－', '　');
    const mobile = fc
      .tuple(fc.constantFrom('13', '15', '18', '19'), fc.array(digit, { minLength: 9, maxLength: 9 }))
      .map(([a, b]) => a + b.join(''));
    fc.assert(
      fc.property(mobile, sep, fc.boolean(), (m, s, wide) => {
        let text = `${m.slice(0, 3)}${s}${m.slice(3, 7)}${s}${m.slice(7)}`;
        if (wide) text = text.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
        const out = maskPiiText(`请联系${text}。`);
        // the first three and last four digits stay; the middle four are gone, not merely moved
        const digits = out.replace(/\D/g, '');
        expect(digits).toBe(`${m.slice(0, 3)}${m.slice(7)}`);
      }),
    );
  });
});
