import { z } from 'zod';
import { event, method } from './define';
import type { ExportedFile } from './types';

/** Files of a livelihood project at any stage of its year (../shared/rules/README.md §4): part of the one contract. */

export const PROJECT_FILE_STAGES = [
  'candidate',
  'plan',
  'progress',
  'inspection',
  'decision',
  'rectification',
] as const;
export type ProjectFileStage = (typeof PROJECT_FILE_STAGES)[number];
export const projectFileStageLabels: Record<ProjectFileStage, string> = {
  candidate: '候选材料',
  plan: '实施计划',
  progress: '进展报告',
  inspection: '视察督查',
  decision: '变更决定',
  rectification: '整改',
};

export interface ProjectFile {
  id: number;
  projectId: number;
  stage: ProjectFileStage;
  /** The record it belongs to within the stage (a progress report's id, a 整改's id); null for the stage as a whole. */
  recordId: number | null;
  fileName: string;
  mimeType: string;
  size: number;
  sha256: string;
  addedAt: string;
}

const id = z.number().int().positive();

export const projectFileMethods = {
  'projectFiles.attach': method<ProjectFile>()(
    '为项目添加材料或照片（文件保存在数据目录），注明所属阶段及记录',
    z.object({
      projectId: id,
      stage: z.enum(PROJECT_FILE_STAGES, { error: '材料所属阶段无效' }),
      recordId: id.nullish().transform((v) => v ?? null),
      fileName: z.string().trim().min(1, '请填写文件名').max(255, '文件名过长'),
      contentBase64: z.string().min(1, '文件为空').max(70_000_000, '文件过大（超过50MB）'),
    }),
    'ProjectFile',
  ),
  'projectFiles.list': method<ProjectFile[]>()(
    '项目的材料和照片（可按阶段、记录筛选）',
    z.object({
      projectId: id,
      stage: z.enum(PROJECT_FILE_STAGES, { error: '材料所属阶段无效' }).optional(),
      recordId: id.optional(),
    }),
    'ProjectFile[]',
  ),
  'projectFiles.get': method<ExportedFile>()('读取项目的一份材料或照片', z.object({ fileId: id }), 'ExportedFile'),
  'projectFiles.remove': method<{ removed: true }>()(
    '删除项目的一份材料（记入审计日志，文件留在数据目录）',
    z.object({ fileId: id }),
    '{ removed: true }',
  ),
} as const;

export const projectFileEvents = {
  'projectFiles.changed': event<{ projectId: number }>('项目材料变化'),
} as const;
