import { DocHeading, PrintPage } from './PrintPage';

/** 签到表: the roll in 姓氏笔画 order with a signature box per member; the header row repeats on every page. */
export function SignInSheetDoc({ meetingId }: { meetingId: number }) {
  return (
    <PrintPage method="documents.signIn" input={{ meetingId }} fileName={(d) => `${d.head.meetingTitle}签到表`}>
      {(d) => (
        <>
          <DocHeading
            title={d.head.meetingTitle}
            subtitle="签到表"
            meta={[
              `时间：${d.head.date}${d.head.time ? ` ${d.head.time}` : ''}`,
              d.head.venue && `地点：${d.head.venue}`,
              `应到${d.noun}${d.expected}名`,
            ]}
          />
          <table className="doc-table signin-table">
            <colgroup>
              <col style={{ width: '14mm' }} />
              <col style={{ width: '26mm' }} />
              <col />
              <col style={{ width: '36mm' }} />
              <col style={{ width: '15mm' }} />
            </colgroup>
            <thead>
              <tr>
                <th>序号</th>
                <th>姓名</th>
                <th>单位及职务</th>
                <th>签名</th>
                <th>备注</th>
              </tr>
            </thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.no}>
                  <td className="num">{r.no}</td>
                  <td className="c">{r.name}</td>
                  <td>{r.unitTitle ?? ''}</td>
                  <td />
                  <td className="c">{r.note ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </PrintPage>
  );
}
