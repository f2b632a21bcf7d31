import * as echarts from 'echarts';
import { useEffect, useRef } from 'react';

/** One ECharts chart in a div; re-renders on option change, resizes with the window. */
export function Chart({
  option,
  height = 260,
  dark = false,
  onClick,
  testId,
}: {
  option: echarts.EChartsOption;
  height?: number;
  dark?: boolean;
  onClick?: (name: string, dataIndex: number) => void;
  testId?: string;
}) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  click.current = onClick;
  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, dark ? 'dark' : undefined);
    chart.current = c;
    c.on('click', (p) => click.current?.(String(p.name), p.dataIndex));
    const resize = () => c.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      c.dispose();
      chart.current = null;
    };
  }, [dark]);
  useEffect(() => {
    chart.current?.setOption({ backgroundColor: 'transparent', ...option }, true);
  }, [option, dark]);
  return <div ref={el} style={{ height, width: '100%' }} data-testid={testId} />;
}
