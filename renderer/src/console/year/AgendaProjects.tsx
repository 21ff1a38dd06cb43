import type { AgendaItem } from '../../../../shared/contract';
import { useApi } from '../../api/hooks';
import { href, projectRecordPath } from '../routes';

/** On a meeting's agenda item (听取民生实事项目进展报告): the projects it hears, each a link to its record. */
export function AgendaProjects({ item }: { item: AgendaItem }) {
  const heard = useApi('agendaProjects.get', item.kind === 'motion' || item.kind === 'project_vote' ? null : { agendaItemId: item.id }, ['agendaProjects.changed']);
  if (!heard.data?.length) return null;
  return (
    <div className="agenda-projects muted" data-testid="agenda-projects">
      听取项目：
      {heard.data.map((p, i) => (
        <span key={p.projectId}>{i > 0 && '、'}<a href={href(projectRecordPath(p.projectId))}>{p.name}</a></span>
      ))}
    </div>
  );
}
