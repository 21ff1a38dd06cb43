import type { ResultFingerprint } from '../../../shared/contract';

/**
 * The foot of a result document: its fingerprint (the audit entry that recorded the result, as a code) and the QR of
 * that code, with how to check it. Kept together on one page.
 */
export function FingerprintFoot({ fp }: { fp: ResultFingerprint }) {
  return (
    <footer className="doc-fingerprint" data-testid="doc-fingerprint">
      <div className="qr" aria-label="指纹二维码" dangerouslySetInnerHTML={{ __html: fp.qrSvg }} />
      <div>
        <div>
          结果指纹：<span className="code">{fp.code}</span>
        </div>
        <div className="how">
          本指纹取自记录结果的第{fp.entryId}条审计记录（{fp.actionLabel}）。核验方法：在议事台“设置 ›
          核验指纹”中输入上述指纹或扫描二维码，可核对本文书与数据文件是否一致。
        </div>
      </div>
    </footer>
  );
}
