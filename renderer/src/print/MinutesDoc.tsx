import { FingerprintFoot } from './FingerprintFoot';
import { DocHeading, PrintPage } from './PrintPage';

const Blank = ({ label, lines = 1 }: { label: string; lines?: number }) => (
  <div className="doc-blank">
    <span>{label}：</span>
    {Array.from({ length: lines }, (_, i) => (
      <div key={i} className="line" />
    ))}
  </div>
);

/** 会议纪要 (skeleton): what the file knows — meeting, time, place, attendance, each agenda item's result — and blanks for the rest. */
export function MinutesDoc({ meetingId }: { meetingId: number }) {
  return (
    <PrintPage method="documents.minutes" input={{ meetingId }} fileName={(d) => `${d.head.meetingTitle}会议纪要`}>
      {(d) => (
        <>
          <DocHeading
            title={`${d.head.meetingTitle}纪要`}
            subtitle={d.status === 'closed' ? undefined : '（草稿：会议尚未闭会）'}
          />
          <table className="doc-table minutes-head">
            <tbody>
              <tr>
                <th>时间</th>
                <td>
                  {d.head.date}
                  {d.head.time ? ` ${d.head.time}` : ''}
                </td>
              </tr>
              <tr>
                <th>地点</th>
                <td>{d.head.venue ?? ''}</td>
              </tr>
              <tr>
                <th>主持人</th>
                <td />
              </tr>
              <tr>
                <th>出席</th>
                <td>{d.attendance.quorumText}。</td>
              </tr>
              <tr>
                <th>请假</th>
                <td>
                  {d.attendance.leave}名{d.leaveNames.length ? `：${d.leaveNames.join('、')}` : ''}
                </td>
              </tr>
              <tr>
                <th>缺席</th>
                <td>
                  {d.attendance.absent}名{d.absentNames.length ? `：${d.absentNames.join('、')}` : ''}
                </td>
              </tr>
              <tr>
                <th>列席</th>
                <td />
              </tr>
              <tr>
                <th>记录人</th>
                <td />
              </tr>
            </tbody>
          </table>
          <h2 className="doc-section">会议议程及结果</h2>
          {d.items.map((it) => (
            <section key={it.position} className="minutes-item">
              <h3>
                {it.position}．{it.title}（{it.kindLabel}）
              </h3>
              {it.results.map((r, i) => (
                <p key={i} className="doc-para">
                  {r.name}：{r.text}
                  {r.code ? `（结果指纹：${r.code}）` : ''}
                </p>
              ))}
              <Blank label="讨论情况" lines={2} />
            </section>
          ))}
          <Blank label="其他事项" lines={3} />
          {d.fingerprint ? (
            <FingerprintFoot fp={d.fingerprint} />
          ) : (
            <p className="doc-note">会议闭会后，本纪要的结果指纹随之生成。</p>
          )}
        </>
      )}
    </PrintPage>
  );
}
