import { useEffect, useState } from 'react';
import { useIsFetching, useIsMutating } from '@tanstack/react-query';
import { useLocation } from 'react-router';
import { useI18n } from '../i18n/i18n.js';

/** How long after a navigation the bar shows even before the page has started its requests. */
const NAVIGATION_MS = 300;

/**
 * A thin bar across the top while anything is on its way: a navigation, a page's data, a command. It appears at
 * once (a slow line must see that the click was taken) and leaves when the last request has answered.
 */
export function ProgressBar() {
  const { t } = useI18n();
  const fetching = useIsFetching();
  const mutating = useIsMutating();
  const location = useLocation();
  const [navigating, setNavigating] = useState(false);
  useEffect(() => {
    setNavigating(true);
    const timer = setTimeout(() => setNavigating(false), NAVIGATION_MS);
    return () => clearTimeout(timer);
  }, [location.key]);
  // The router moves to a lazily loaded page inside a transition: the location above changes only once the page's
  // code has arrived, which on a slow line is seconds after the click. The click on an in-app link shows the bar
  // at once; the location change (or, at worst, a few seconds) clears it.
  useEffect(() => {
    let fallback: ReturnType<typeof setTimeout> | undefined;
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
      if (!(link instanceof HTMLAnchorElement) || link.target === '_blank' || link.hasAttribute('download')) return;
      const url = new URL(link.href, window.location.href);
      if (url.origin !== window.location.origin || (url.pathname === window.location.pathname && url.search === window.location.search)) return;
      setNavigating(true);
      clearTimeout(fallback);
      fallback = setTimeout(() => setNavigating(false), 10_000);
    };
    document.addEventListener('click', onClick, true);
    return () => {
      document.removeEventListener('click', onClick, true);
      clearTimeout(fallback);
    };
  }, []);
  const busy = navigating || fetching + mutating > 0;
  if (!busy) return null;
  return <div className="kc-progress" role="progressbar" aria-label={t('common.loading')} data-testid="progress" />;
}
