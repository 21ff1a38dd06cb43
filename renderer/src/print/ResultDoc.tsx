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
          {/* A 公告 of a list begins with the session's name: not above it as well. */}
          <DocHeading title={d.title} subtitle={d.kind === 'project_list' ? undefined : d.head.meetingTitle} />
          {d.paragraphs.map((p, i) => (
            <p key={i} className="doc-para">
              {p}
            </p>
          ))}
          {d.table && <ResultTable kind={d.kind} table={d.table} />}
          {d.notes.map((n, i) => (
            <p key={i} className="doc-note">
              {n}
            </p>
          ))}
          {/* The issuer, the date and the fingerprint stay together: never a page with the fingerprint alone. */}
          <div className="doc-close">
            <div className="doc-issuer">
              <div>{d.issuer}</div>
              <div>{d.head.officialDate}</div>
            </div>
            <FingerprintFoot fp={d.fingerprint} />
          </div>
        </>
      )}
    </PrintPage>
  );
}

type Cell = string | number | null;

/** The figures, without the columns no row fills (承办单位 of a 测评 of projects, 整改 when none is needed): on paper they only narrow the rest. */
function ResultTable({ kind, table }: { kind: string; table: { headers: string[]; rows: Cell[][] } }) {
  const keep = table.headers.map((_, j) =>
    table.rows.some((row) => row[j] !== null && row[j] !== undefined && row[j] !== ''),
  );
  return (
    <table className={`doc-table result-table ${kind}`}>
      <thead>
        <tr>{table.headers.map((h, j) => keep[j] && <th key={h}>{h}</th>)}</tr>
      </thead>
      <tbody>
        {table.rows.map((row, i) => (
          <tr key={i}>
            {row.map(
              (c, j) =>
                keep[j] && (
                  <td
                    key={j}
                    className={typeof c === 'number' || /^[\d.]+%?$/.test(String(c ?? '')) ? 'num' : undefined}
                  >
                    {c ?? ''}
                  </td>
                ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
