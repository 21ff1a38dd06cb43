import type { Input } from '../../../shared/contract';
import { FingerprintFoot } from './FingerprintFoot';
import { DocHeading, PrintPage } from './PrintPage';

/**
 * 表决结果公告 / 测评结果 (a closed round) and 票决结果（主席团）公告 (a list): the announcement as the app made it, the
 * figures, the issuer and date, and the fingerprint at the foot. A round not yet closed is refused by the service.
 */
export function ResultDoc({ input }: { input: Input<'documents.result'> }) {
  return (
    <PrintPage method="documents.result" input={input} fileName={(d) => `${d.head.meetingTitle}${d.docName}`}>
      {(d) => (
        <>
          <DocHeading title={d.title} subtitle={d.head.meetingTitle} />
          {d.paragraphs.map((p, i) => (
            <p key={i} className="doc-para">{p}</p>
          ))}
          {d.table && (
            <table className={`doc-table result-table ${d.kind}`}>
              <thead>
                <tr>{d.table.headers.map((h) => <th key={h}>{h}</th>)}</tr>
              </thead>
              <tbody>
                {d.table.rows.map((row, i) => (
                  <tr key={i}>{row.map((c, j) => <td key={j} className={typeof c === 'number' || /^[\d.]+%?$/.test(String(c ?? '')) ? 'num' : undefined}>{c ?? ''}</td>)}</tr>
                ))}
              </tbody>
            </table>
          )}
          {d.notes.map((n, i) => (
            <p key={i} className="doc-note">{n}</p>
          ))}
          <div className="doc-issuer">
            <div>{d.issuer}</div>
            <div>{d.head.officialDate}</div>
          </div>
          <FingerprintFoot fp={d.fingerprint} />
        </>
      )}
    </PrintPage>
  );
}
