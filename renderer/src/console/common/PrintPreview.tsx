import { FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { App, Button, Modal, Segmented, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { savePdf } from '../../api/client';
import { printHash } from '../../print/route';
import { useAction } from './useAction';

export interface PrintTarget {
  /** Route name of the document (renderer/src/print/PrintApp.tsx) and its id. */
  doc: string;
  id: number;
  query?: Record<string, string | number>;
  /** 签到表, 选票 …: the dialog's title and the proposed file name. */
  title: string;
}

const ZOOMS = [50, 75, 100, 125] as const;

/**
 * 打印预览: the document's own print page in a frame (what the printer gets), zoomable, with its estimated page
 * count; 打印 opens the print dialog of that frame; 保存为 PDF goes to the desktop app's printToPDF, or in a
 * browser to the same print dialog (where the clerk picks 另存为 PDF).
 */
export function PrintPreview({ target, onClose }: { target: PrintTarget | null; onClose: () => void }) {
  const { message } = App.useApp();
  const frame = useRef<HTMLIFrameElement>(null);
  const [zoom, setZoom] = useState<number>(75);
  const [pages, setPages] = useState<number | null>(null);
  const { busy, run } = useAction();
  const hash = target ? printHash(target.doc, target.id, target.query) : null;

  useEffect(() => {
    setPages(null);
    const onMessage = (e: MessageEvent) => {
      const data = e.data as { type?: string; pages?: number } | null;
      if (
        e.origin === window.location.origin &&
        e.source === frame.current?.contentWindow &&
        data?.type === 'yishitai:print-ready'
      )
        setPages(data.pages ?? null);
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [hash]);

  const printFrame = () => frame.current?.contentWindow?.print();
  const toPdf = () =>
    void run(
      'pdf',
      async () => {
        const saved = await savePdf(hash!, target!.title);
        if (saved === null) {
          message.info('请在打印对话框的“目标打印机”中选择“另存为 PDF”');
          printFrame();
          return undefined;
        }
        return saved;
      },
      (saved) => (saved?.path ? `已保存“${saved.path}”（${saved.pages}页）` : undefined),
    );

  return (
    <Modal
      open={!!target}
      onCancel={onClose}
      title={`打印预览：${target?.title ?? ''}`}
      width="min(1000px, 96vw)"
      styles={{ body: { padding: 0 } }}
      destroyOnHidden
      footer={
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          <Space>
            <Segmented
              value={zoom}
              onChange={(v) => setZoom(Number(v))}
              options={ZOOMS.map((z) => ({ label: `${z}%`, value: z }))}
              aria-label="缩放"
            />
            <Typography.Text type="secondary" data-testid="print-pages">
              {pages === null ? '正在生成…' : `约${pages}页（A4）`}
            </Typography.Text>
          </Space>
          <Space>
            <Button onClick={onClose}>关闭</Button>
            <Button icon={<FilePdfOutlined />} loading={busy === 'pdf'} disabled={pages === null} onClick={toPdf}>
              保存为 PDF
            </Button>
            <Button type="primary" icon={<PrinterOutlined />} disabled={pages === null} onClick={printFrame}>
              打印
            </Button>
          </Space>
        </Space>
      }
    >
      {hash && (
        // Zoomed from outside (a scaled frame), so the page inside lays out at its real A4 size.
        <div style={{ height: '72vh', overflow: 'hidden', background: '#e4e6ea' }}>
          <iframe
            ref={frame}
            title={target!.title}
            data-testid="print-frame"
            src={`${window.location.pathname}${window.location.search}${hash}`}
            style={{
              width: `${10000 / zoom}%`,
              height: `${(72 * 100) / zoom}vh`,
              border: 0,
              display: 'block',
              transform: `scale(${zoom / 100})`,
              transformOrigin: '0 0',
            }}
          />
        </div>
      )}
    </Modal>
  );
}

/** A button that opens the preview of one document. */
export function PrintButton({ target, label, testId }: { target: PrintTarget; label?: string; testId?: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<PrinterOutlined />} data-testid={testId} onClick={() => setOpen(true)}>
        {label ?? `打印${target.title}`}
      </Button>
      <PrintPreview target={open ? target : null} onClose={() => setOpen(false)} />
    </>
  );
}
