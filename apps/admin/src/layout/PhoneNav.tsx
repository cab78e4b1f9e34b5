import { type ReactNode } from 'react';
import { Drawer, Space } from 'antd';

/** The navigation of a phone: a drawer from the left with the user, the menu and the buttons. Its own chunk. */
export default function PhoneNav({ open, onClose, title, children }: { open: boolean; onClose: () => void; title: string; children: ReactNode }) {
  return (
    <Drawer open={open} onClose={onClose} placement="left" size={300} title={title}>
      <Space direction="vertical" size="middle" className="full">
        {children}
      </Space>
    </Drawer>
  );
}
