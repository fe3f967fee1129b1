/**
 * One uPlot chart in a React element: made when the element mounts (and again when the options
 * change, e.g. the theme), fed new data without being rebuilt, sized to its container's width.
 */
import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export function useUplot(makeOptions: (width: number) => uPlot.Options, data: uPlot.AlignedData | null, optionsKey: string) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const latest = useRef(data);
  latest.current = data;
  const make = useRef(makeOptions);
  make.current = makeOptions;

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const chart = new uPlot(make.current(Math.max(200, element.clientWidth)), latest.current ?? [[]], element);
    plot.current = chart;
    const resize = new ResizeObserver(() => {
      const width = Math.max(200, element.clientWidth);
      if (width !== chart.width) chart.setSize({ width, height: chart.height });
    });
    resize.observe(element);
    return () => { resize.disconnect(); chart.destroy(); plot.current = null; };
  }, [optionsKey]);

  useEffect(() => { if (data && plot.current) plot.current.setData(data); }, [data]);
  return { host, plot };
}

/** The theme's colours (styles.css custom properties), read when a chart is made. */
export function themeColor(name: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value || fallback;
}

/** Re-renders on a light/dark switch, so the charts are made again in the theme's colours. */
export function useColorScheme(): 'light' | 'dark' {
  const [dark, setDark] = useState(() => window.matchMedia('(prefers-color-scheme: dark)').matches);
  useEffect(() => {
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    const change = () => setDark(query.matches);
    query.addEventListener('change', change);
    return () => query.removeEventListener('change', change);
  }, []);
  return dark ? 'dark' : 'light';
}
