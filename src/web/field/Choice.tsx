import { useRef, type CSSProperties, type KeyboardEvent, type ReactNode } from 'react';

type Option<V extends string> = { label: ReactNode; value: V };

/**
 * A one-of-several filter as an accessible radio group (WAI-ARIA radiogroup: one tab stop, arrow
 * keys move and choose), in place of antd-mobile's Segmented, whose radio inputs sit inside
 * role=listbox (axe: aria-required-children, critical).
 */
export function Choice<V extends string>(props: {
  label: string;
  value: V;
  options: Array<Option<V>>;
  onChange: (v: V) => void;
  style?: CSSProperties;
}) {
  const refs = useRef<Array<HTMLButtonElement | null>>([]);
  const at = props.options.findIndex((o) => o.value === props.value);

  function onKey(e: KeyboardEvent<HTMLDivElement>) {
    const step =
      e.key === 'ArrowRight' || e.key === 'ArrowDown'
        ? 1
        : e.key === 'ArrowLeft' || e.key === 'ArrowUp'
          ? -1
          : 0;
    if (!step) return;
    e.preventDefault();
    const n = props.options.length;
    const next = (Math.max(at, 0) + step + n) % n;
    props.onChange(props.options[next]!.value);
    refs.current[next]?.focus();
  }

  return (
    <div role="radiogroup" aria-label={props.label} className="choice" style={props.style} onKeyDown={onKey}>
      {props.options.map((o, i) => {
        const on = o.value === props.value;
        return (
          <button
            key={o.value}
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            role="radio"
            aria-checked={on}
            tabIndex={on || (at < 0 && i === 0) ? 0 : -1}
            className={on ? 'choice-item on' : 'choice-item'}
            onClick={() => props.onChange(o.value)}
          >
            {o.label}
          </button>
        );
      })}
    </div>
  );
}
