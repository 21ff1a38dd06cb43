import { z } from 'zod';
import { event, method } from './define';
import { SCREEN_MODES, type DisplayInfo, type ScreenView } from './screen-types';

/** The hall screen (投影): what it shows is a record the clerk sets; the projector page renders screen.view. */
const id = z.number().int().positive();

export const screenMethods = {
  'screen.view': method<ScreenView>()(
    '投影内容：会议、出席、表决进度；结果仅在结束并公布后给出',
    z.object({}),
    'ScreenView',
  ),
  'screen.show': method<ScreenView>()(
    '切换投影内容：黑屏、文字通知（如“休会十分钟”）、会议与出席、某项表决、项目票决或满意度测评；可设倒计时',
    z
      .object({
        mode: z.enum(SCREEN_MODES, { error: '投影内容无效' }),
        meetingId: id.nullish().transform((v) => v ?? null),
        agendaItemId: id.nullish().transform((v) => v ?? null),
        voteId: id.nullish().transform((v) => v ?? null),
        projectVoteId: id.nullish().transform((v) => v ?? null),
        /** A 测评 round (mode 'evaluation'); any round id of the poll engine. */
        roundId: id.nullish().transform((v) => v ?? null),
        message: z
          .string()
          .trim()
          .max(200)
          .nullish()
          .transform((v) => v || null),
        countdownSeconds: z
          .number()
          .int()
          .min(0)
          .max(24 * 3600)
          .nullish()
          .transform((v) => v ?? null),
      })
      .refine((v) => v.mode !== 'message' || !!v.message, { message: '请填写要显示的文字', path: ['message'] })
      .refine((v) => v.mode !== 'vote' || !!v.voteId, { message: '请选择要投影的表决', path: ['voteId'] })
      .refine((v) => v.mode !== 'projectVote' || !!v.projectVoteId, {
        message: '请选择要投影的票决',
        path: ['projectVoteId'],
      })
      .refine((v) => v.mode !== 'evaluation' || !!v.roundId, { message: '请选择要投影的测评', path: ['roundId'] })
      .refine((v) => v.mode !== 'meeting' || !!v.meetingId, { message: '请选择会议', path: ['meetingId'] }),
    'ScreenView',
  ),
  'screen.reveal': method<ScreenView>()(
    '公布：在投影上显示已结束表决的结果',
    z.object({ reveal: z.boolean().default(true) }),
    'ScreenView',
  ),
  'screen.displays': method<DisplayInfo[]>()(
    '桌面版：列出可用显示器（浏览器主机返回空列表）',
    z.object({}),
    'DisplayInfo[]',
  ),
  'screen.openWindow': method<DisplayInfo[]>()(
    '桌面版：在指定显示器上全屏打开投影窗口（不指定则选外接显示器）',
    z.object({ displayId: z.number().int().optional() }),
    'DisplayInfo[]',
  ),
  'screen.closeWindow': method<DisplayInfo[]>()('桌面版：关闭投影窗口', z.object({}), 'DisplayInfo[]'),
} as const;

export const screenEvents = {
  'screen.changed': event<{ mode: string; updatedAt: string }>('投影内容切换或公布'),
  'displays.changed': event<{ count: number }>('桌面版：显示器接入或移除'),
} as const;
