import { DocHeading, PrintPage } from './PrintPage';

const COUNT_LABELS = [
  ['expected', '应到'],
  ['present', '实到'],
  ['issued', '发出'],
  ['returned', '收回'],
  ['valid', '有效'],
  ['void', '无效'],
] as const;

/** Signature lines for 监票人 or 计票人: each named person with a line to sign on, or blank lines when none are on record. */
function Signers({ role, names, blanks }: { role: string; names: string[]; blanks: number }) {
  return (
    <p>
      {role}（签名）：
      {names.length
        ? names.map((n) => (
            <span key={n} className="signer">
              {n}
              <span className="line" />
            </span>
          ))
        : Array.from({ length: blanks }, (_v, i) => <span key={i} className="line" />)}
    </p>
  );
}

/**
 * 计票单: 发出/收回/有效/无效 and each item's tally once the round is counted; before that every figure is a blank
 * to fill in by hand. Signed by the 监票人 and 计票人, dated.
 */
export function CountSheetDoc({ roundId }: { roundId: number }) {
  return (
    <PrintPage method="documents.countSheet" input={{ roundId }} fileName={(d) => `${d.title}计票单`}>
      {(d) => {
        const department = d.lines.some((l) => l.department);
        return (
          <div className="count-sheet">
            <DocHeading
              title={d.title}
              subtitle={`计票单${d.roundLabel ? `（${d.roundLabel}）` : ''}`}
              meta={[d.head.meetingTitle, d.head.date]}
            />
            <table className="doc-table count-table">
              <thead>
                <tr>
                  {COUNT_LABELS.map(([, label]) => (
                    <th key={label}>{label}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                <tr>
                  {COUNT_LABELS.map(([key]) => (
                    <td key={key} className="num fill">
                      {d.counts[key] ?? ''}
                    </td>
                  ))}
                </tr>
              </tbody>
            </table>
            <p className="doc-note">单位：{d.paper}张（应到、实到为人数）</p>
            <table className="doc-table tally-table">
              <colgroup>
                <col style={{ width: '13mm' }} />
                <col />
                {department && <col style={{ width: '30mm' }} />}
                {d.columns.map((c) => (
                  <col key={c} style={{ width: d.columns.length > 3 ? '15mm' : '19mm' }} />
                ))}
                {d.markColumn && <col style={{ width: '22mm' }} />}
              </colgroup>
              <thead>
                <tr>
                  <th>{d.paper === '选票' ? '编号' : '序号'}</th>
                  <th>{d.paper === '选票' ? '项目名称' : d.paper === '表决票' ? '表决事项' : '测评项目'}</th>
                  {department && <th>承办单位</th>}
                  {d.columns.map((c) => (
                    <th key={c}>{c}</th>
                  ))}
                  {d.markColumn && <th>{d.markColumn}</th>}
                </tr>
              </thead>
              <tbody>
                {d.lines.map((l) => (
                  <tr key={l.no}>
                    <td className="num">{l.no}</td>
                    <td>{l.title}</td>
                    {department && <td>{l.department ?? ''}</td>}
                    {d.columns.map((c, i) => (
                      <td key={c} className="num fill">
                        {l.figures?.[i] ?? ''}
                      </td>
                    ))}
                    {d.markColumn && <td className="c">{l.mark ?? ''}</td>}
                  </tr>
                ))}
              </tbody>
            </table>
            {d.notes.map((n) => (
              <p key={n} className="doc-note">
                {n}
              </p>
            ))}
            <div className="doc-signatures">
              <Signers role="监票人" names={d.scrutineers} blanks={3} />
              <Signers role="计票人" names={d.counters} blanks={2} />
              <p className="doc-date">{d.head.officialDate}</p>
            </div>
          </div>
        );
      }}
    </PrintPage>
  );
}
