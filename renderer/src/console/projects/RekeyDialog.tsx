import { Alert, Button, Input, Modal, Space, type InputRef } from 'antd';
import { useRef, useState } from 'react';
import { errorMessage } from '../../api/client';
import { paperEnter, type PaperApi, type PaperKeying } from './PaperEntry';

/** Re-key one ballot (by its number in the stack) in one batch, from 比对: Enter saves, F2 marks it void. */
export function RekeyDialog({
  vote,
  keying,
  api = 'projectVotes',
  seq,
  batch,
  diff,
  onClose,
}: {
  vote: { id: number };
  keying: PaperKeying;
  api?: PaperApi;
  seq: number;
  batch: 1 | 2;
  diff: { first: string | null; second: string | null };
  onClose: () => void;
}) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<InputRef>(null);

  async function save(asVoid: boolean) {
    const keys = text.trim();
    if (!asVoid) {
      const check = keying.check(keys);
      if ('error' in check) {
        setError(check.error);
        return;
      }
    }
    setBusy(true);
    try {
      await paperEnter(api, { id: vote.id, batch, seq, keys: asVoid ? '' : keys, void: asVoid });
      onClose();
    } catch (e) {
      setError(errorMessage(e));
      input.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      width={640}
      title={`重录第${seq}张 · 第${batch === 1 ? '一' : '二'}批`}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button danger loading={busy} onClick={() => save(true)}>
            作废（F2）
          </Button>
          <Button type="primary" loading={busy} onClick={() => save(false)}>
            保存（Enter）
          </Button>
        </Space>
      }
    >
      <div className="rekey-was">
        第一批录为：<b>{diff.first ?? '（未录）'}</b>
        <span style={{ marginLeft: 24 }}>
          第二批录为：<b>{diff.second ?? '（未录）'}</b>
        </span>
      </div>
      <Input
        ref={input}
        autoFocus
        className={`entry-input${error ? ' has-error' : ''}`}
        aria-label="重录选票"
        autoComplete="off"
        placeholder={keying.hint}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setError(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            if (text.trim()) void save(false);
            else setError(keying.blankAllowed ? '空白选票请点“保存”按钮确认' : keying.hint);
          } else if (e.key === 'F2') {
            e.preventDefault();
            void save(true);
          }
        }}
      />
      <div className="entry-feedback">
        {error ? (
          <span className="entry-error" role="alert">
            {error}
          </span>
        ) : (
          keying.feedback(text)
        )}
      </div>
      {!text && (
        <Alert
          type="info"
          showIcon
          message={keying.blankAllowed ? '请按原始选票重新输入；空白选票直接按“保存”。' : '请按原始选票重新输入。'}
        />
      )}
    </Modal>
  );
}
