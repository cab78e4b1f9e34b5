import { useEffect } from 'react';

/** Whether an antd dialog (modal) is on screen. */
function dialogShown(): boolean {
  return [...document.querySelectorAll<HTMLElement>('.ant-modal-wrap')].some((wrap) => wrap.style.display !== 'none');
}

/**
 * Focus goes back to what opened a dialog when the dialog closes (WCAG 2.4.3). antd gives it back itself only when
 * a dialog stays mounted and plays its closing animation; our dialogs are unmounted on close, which drops focus on
 * the page's body. This remembers the last element focused outside any dialog or drawer and, the moment the last
 * dialog disappears with focus lost, focuses it again. Nothing happens while no dialog closes.
 */
export function useFocusReturn(): void {
  useEffect(() => {
    let opener: HTMLElement | null = null;
    let wasShown = false;
    const remember = (event: FocusEvent) => {
      const target = event.target;
      if (target instanceof HTMLElement && !target.closest('.ant-modal-root, .ant-drawer, .ant-select-dropdown, .ant-popover')) opener = target;
    };
    const observer = new MutationObserver(() => {
      const shown = dialogShown();
      const lost = document.activeElement === null || document.activeElement === document.body;
      if (wasShown && !shown && lost && opener?.isConnected) opener.focus();
      wasShown = shown;
    });
    document.addEventListener('focusin', remember);
    observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['style'] });
    return () => {
      document.removeEventListener('focusin', remember);
      observer.disconnect();
    };
  }, []);
}
