import { useRef } from 'react';
import { Button } from 'antd';

/** A hidden file input behind a button. */
export function FilePick(props: {
  label: string;
  multiple?: boolean;
  accept?: string;
  disabled: boolean;
  testId: string;
  danger?: boolean;
  onFiles: (files: File[]) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <Button size="small" disabled={props.disabled} onClick={() => input.current?.click()}>
        {props.label}
      </Button>
      <input
        ref={input}
        type="file"
        hidden
        multiple={props.multiple}
        accept={props.accept}
        data-testid={props.testId}
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          event.target.value = '';
          if (files.length > 0) props.onFiles(files);
        }}
      />
    </>
  );
}
