import { PrintPage } from './PrintPage';

/**
 * 代表凭条: per deputy, in 姓氏笔画 order, the 投票码 (for the phone) and the 签到码 (for the desks) as QR codes, cut
 * along the dashed lines. Loading it is an audited export of credentials (documents.slips), so the host records
 * each time the sheet is opened for printing.
 */
const svgSrc = (svg: string) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;

export function SlipsDoc({ meetingId }: { meetingId: number }) {
  return (
    <PrintPage method="documents.slips" input={{ meetingId }} fileName={(d) => `${d.head.meetingTitle}代表凭条`}>
      {(d) => (
        <div className="slips">
          {d.slips.map((s) => (
            <section
              key={s.no}
              className="slip"
              style={{
                breakInside: 'avoid',
                border: '1px dashed #888',
                padding: '3mm',
                display: 'grid',
                gridTemplateColumns: '1fr 34mm 34mm',
                gap: '3mm',
                marginBottom: '2mm',
              }}
            >
              <div>
                <div style={{ fontSize: '10pt' }}>{d.head.meetingTitle}</div>
                <div style={{ fontSize: '18pt', fontWeight: 700, margin: '2mm 0' }}>{s.name}</div>
                <div style={{ fontSize: '9pt' }}>{s.unit ?? ''}</div>
                <div style={{ fontSize: '8pt', marginTop: '2mm' }}>
                  连接会场网络后用手机扫描投票码；投票码只给本人使用，请妥善保管。会场网络：{d.lanAddress}
                </div>
              </div>
              <figure style={{ margin: 0, textAlign: 'center' }}>
                <img alt={`${s.name}的投票码`} src={svgSrc(s.voteQrSvg)} style={{ width: '32mm', height: '32mm' }} />
                <figcaption style={{ fontSize: '9pt' }}>投票码</figcaption>
              </figure>
              <figure style={{ margin: 0, textAlign: 'center' }}>
                <img alt={`${s.name}的签到码`} src={svgSrc(s.badgeQrSvg)} style={{ width: '32mm', height: '32mm' }} />
                <figcaption style={{ fontSize: '9pt' }}>签到码</figcaption>
              </figure>
            </section>
          ))}
        </div>
      )}
    </PrintPage>
  );
}
