import { DocHeading, PrintPage } from './PrintPage';

/**
 * A paper ballot (选票, 测评票, 评分票, 表决票): numbered items with a box per option, the instruction and the
 * validity rule. A secret ballot carries nothing that identifies a deputy; the header row repeats on each page and
 * no item is split across a page break.
 */
export function BallotDoc({ roundId }: { roundId: number }) {
  return (
    <PrintPage method="documents.ballot" input={{ roundId }} fileName={(d) => `${d.title}${d.paper}`}>
      {(d) => {
        const department = d.items.some((it) => it.department);
        const writeIn = d.style === 'rank' || d.style === 'score';
        const dense = d.items.length > 20;
        return (
          <div className={`ballot${dense ? ' ballot-dense' : ''}`}>
            <DocHeading
              title={d.title}
              subtitle={`${d.paper}${d.roundLabel ? `（${d.roundLabel}）` : ''}${d.secret ? '（无记名投票）' : ''}`}
              meta={[d.head.meetingTitle, d.head.date]}
            />
            <div className="ballot-instructions">
              {d.instructions.map((line) => (
                <p key={line}>{line}</p>
              ))}
              {d.rule && <p className="ballot-rule">{d.rule}</p>}
            </div>
            <table className="doc-table ballot-table">
              <colgroup>
                <col style={{ width: dense ? '11mm' : '13mm' }} />
                <col />
                {department && <col style={{ width: '30mm' }} />}
                {d.columns.map((c) => (
                  <col key={c} style={{ width: d.columns.length > 1 ? '19mm' : '24mm' }} />
                ))}
              </colgroup>
              <thead>
                <tr>
                  <th>{d.style === 'choose' || d.style === 'approve' || d.style === 'rank' ? '编号' : '序号'}</th>
                  <th>
                    {d.style === 'rating' || d.style === 'score'
                      ? '测评项目'
                      : d.style === 'motion'
                        ? '表决事项'
                        : '项目名称'}
                  </th>
                  {department && <th>承办单位</th>}
                  {d.columns.map((c) => (
                    <th key={c}>{c}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {d.items.map((it) => (
                  <tr key={it.no}>
                    <td className="num">{it.no}</td>
                    <td>{it.title}</td>
                    {department && <td>{it.department ?? ''}</td>}
                    {d.columns.map((c) => (
                      <td key={c} className="c">
                        {writeIn ? null : <span className="doc-box" />}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      }}
    </PrintPage>
  );
}
