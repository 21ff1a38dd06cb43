import { CopyOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { errorMessage } from '../../api/client';
import { copyText } from './copy';

/** The 宣布稿 of a closed round, as the chair reads it out, with a button that copies it. */
export function Announcement({ text }: { text: string }) {
  const { message } = App.useApp();
  return (
    <div className="announcement-block">
      <div className="announcement-block-head">
        <span>宣布稿</span>
        <Button icon={<CopyOutlined />} onClick={() => copyText(text).then(() => message.success('已复制宣布稿'), (e: unknown) => message.error(errorMessage(e)))}>
          复制
        </Button>
      </div>
      <div className="announcement-block-text" data-testid="announcement">{text}</div>
    </div>
  );
}
