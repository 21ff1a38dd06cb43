import { CopyOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { errorMessage } from '../../api/client';
import { copyText } from './copy';

/** The 宣布稿 of a closed round, as the chair reads it out, with a button that copies it. */
export function Announcement({
  text,
  label = '宣布稿',
  testId = 'announcement',
}: {
  text: string;
  label?: string;
  testId?: string;
}) {
  const { message } = App.useApp();
  return (
    <div className="announcement-block">
      <div className="announcement-block-head">
        <span>{label}</span>
        <Button
          icon={<CopyOutlined />}
          onClick={() =>
            copyText(text).then(
              () => message.success(`已复制${label}`),
              (e: unknown) => message.error(errorMessage(e)),
            )
          }
        >
          复制
        </Button>
      </div>
      <div className="announcement-block-text" data-testid={testId}>
        {text}
      </div>
    </div>
  );
}
