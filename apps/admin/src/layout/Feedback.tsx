import { type ReactNode } from 'react';
import { App } from 'antd';

/**
 * antd's App: gives a page its message toasts and confirmation dialogs (App.useApp). Its own chunk, loaded with the
 * pages that act, so the login page and the home page do not carry the dialog code.
 */
export default function Feedback({ children }: { children: ReactNode }) {
  return <App component={false}>{children}</App>;
}
