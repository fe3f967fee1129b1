/**
 * How many rows of a long list to render: a first page, then another each time the end of what is
 * shown scrolls near (an IntersectionObserver on a sentinel after the rows). Back to the first page
 * when `resetKey` changes (a new search or sort), so each change renders one page, not thousands.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';

export function useGrowLimit<T extends Element>(page: number, total: number, resetKey: unknown): [number, RefObject<T | null>] {
  const [limit, setLimit] = useState(page);
  const sentinel = useRef<T>(null);
  const [lastKey, setLastKey] = useState(resetKey);
  if (lastKey !== resetKey) { setLastKey(resetKey); setLimit(page); }
  useEffect(() => {
    const element = sentinel.current;
    if (!element || limit >= total) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setLimit((l) => l + page);
    }, { rootMargin: '800px 0px' });
    observer.observe(element);
    return () => observer.disconnect();
  }, [limit, total, page]);
  return [limit, sentinel];
}
