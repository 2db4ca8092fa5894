"""The core's messages in Chinese, by the codes of `en.MESSAGES`: errors, journal problems,
check findings, and the words the core writes into the journal for its user.

zh.py lays this table over the English one, so a code added to en.py without Chinese here
still reads (in English) rather than as a bare key. A value quoted from the user or the
journal stands in 「」; a hint naming a command stays in the command's own spelling.
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # journal folder and files
    "journal.exists": "{root}: 已有日志，未作任何改动",
    "journal.missing": "{root}: 此处没有日志文件夹；请用 `govinfo init {root}` 新建",
    "journal.no_git": "未安装 git；--rev 需要 git",
    "journal.git_failed": "{root}: git {command} 执行失败: {reason}；请确认日志在 git 仓库中，且该版本存在",
    "journal.git_no_reason": "原因不明",
    "journal.locked": "{root}: 日志正由他人写入，已等待 {timeout:g} 秒；请稍后再试",
    "journal.locked_by": "{root}: {login}（进程 {pid}）自 {since} 起占用日志，已等待 {timeout:g} 秒；请稍后再试",
    "journal.disk_full": "{path}: 磁盘已满，未写入。请腾出空间后重试",
    "journal.write_failed": "{path}: 无法写入（{reason}）；未写入",
    "journal.write_left_remains": "{path}: 无法写入（{reason}），已写的部分未能撤回，不计入",
    "journal.write_left_remains.cli": "；`govinfo repair` 可将其清除",
    "journal.symlink": (
        "{path} 是符号链接（指向 {target}）；govinfo 只写入日志内的普通文件和文件夹，本次未写入。"
        "请查明链接由谁建立，删除后重试"
    ),
    "journal.not_regular": "{path} 不是普通的文件或文件夹；本次未写入。请移走后重试",
    # govinfo serve
    "serve.started": (
        "govinfo 已在浏览器中提供本应用，记录人为 {by}。请打开以下地址:\n\n    {address}\n\n"
        "地址中含有密钥，持有者即可以 {by} 的名义记录。按 Ctrl+C 停止服务。"
    ),
    "serve.exposed": (
        "govinfo: 警告: 其他机器可以访问 {host}，且为明文 HTTP，传输途中可被读取；"
        "建议绑定 127.0.0.1，前置带 TLS 的反向代理（--public-url）"
    ),
    "serve.short_token": "服务密钥至少需 {min} 个字符；不填则由 govinfo 自动生成",
    "serve.no_token": "禁止访问: 请打开 `govinfo serve` 显示的地址，其中含有密钥",
    "serve.bad_origin": "禁止访问: 来自 {origin} 的页面不能操作本应用",
    # journal lines that do not read
    "journal.line.not_utf8": "不是有效的 UTF-8（第 {byte} 字节）；请将此行另存为 UTF-8",
    "journal.line.not_json": "不是有效的 JSON（第 {byte} 字节附近有误）；请修正此行",
    "journal.line.unknown_type": "未知的事件类型「{type}」（可能由更新版本的 govinfo 写入）；请升级 govinfo 后再读",
    "journal.line.invalid": "事件内容不合规定（字段 {field} 缺失或有误）；请修正此行，或作废该事件",
    "journal.line.unreadable": "此行无法读取",
    "journal.line.torn": (
        "最后一行没有换行符（写入中断？），已跳过。如该行完整，补上换行即可；如不完整，保留即可，下次追加会另起一行"
    ),
    "journal.batch.interrupted": (
        "一次中断的写入在 {file} 留下批次 {batch} 共 {size} 行中的 {count} 行（各文件合计 {found} 行），"
        "不计入；`govinfo repair` 可将其清除并保留副本"
    ),
    "journal.line.conflict": "编号 {id} 被不同事件重复使用，只采用第一条。请作废错误的一条后重新记录",
    "journal.line.cut": "不是有效的 JSON: 此行不完整，是写入中断留下的；该次写入未完成，不计入，删除此行不会丢失内容",
    "journal.line.nul": ("不是有效的 JSON: 整行都是 NUL 字节，多因断电或磁盘故障；请删除此行，并补记确知遗漏的事件"),
    "journal.line.too_deep": "JSON 嵌套过深，无法读取（没有这样的事件）；请修正或删除此行",
    "journal.line.conflict_marker": ("这是 git 合并留下的冲突标记；请保留两边的行（日志只增不改），删除标记后提交"),
    "journal.file.utf16": "此文件以 UTF-16 保存，整个文件都未读取；请另存为 UTF-8",
    "journal.line.out_of_range": (
        "日期为 {at}，超出日志可记的年份 {first}-{last}；请手工更正日期（读不出的行无法作废）"
    ),
    "journal.line.no_newline": (
        "最后一行是完整的事件，但没有换行符，暂不计入（编辑器去掉了末尾换行，或写入在最后一个字节中断、"
        "未经确认）；如应计入，请补上换行"
    ),
    # govinfo repair
    "repair.demo": "{root} 是随附的演示日志，只读；无需修复",
    "repair.changed": "{path} 在修复过程中被改动（git checkout？），保持原样",
    "repair.changed.cli": "：请再运行一次 `govinfo repair`",
    "repair.write_failed": "{path}: 无法写入（{reason}）；日志保持原样",
    "repair.nothing": "无需修复: 没有中断的写入留下内容",
    "repair.removed": "{file}: 已删除第 {lines} 行: {what}",
    "repair.what.batch": "中断的写入 {batch} 留下的内容",
    "repair.what.cut_off": "不完整的行（{count} 行）",
    "repair.what.torn": "没有换行符的最后一行",
    "repair.kept": "删除的内容已原样保存在 {folder}",
    # periods and dates
    "period.not_understood": (
        "期间「{text}」无法识别；可写 2011、2011-06、2011-Q2、2011-H1、2011年6月、2011年上半年、"
        "2011年一季度，或 2011-01..2011-06"
    ),
    "period.needs_year": "「{text}」未写年份；请写成如 2011年{text}",
    "period.ends_before_start": "期间「{text}」的结束早于开始",
    "period.bad_date": "日期「{text}」无法识别；请写 YYYY-MM-DD，如 2011-06-30",
    # bulletin issues
    "issue.not_understood": "期号「{spec}」无法识别；请写 年份-期数，如 2011-24（增刊: 2011-S2）",
    "issue.missing": "没有 {spec} 这一期简报；可用 `govinfo report bulletin` 列出各期",
    "issue.missing_in": "{channel} 没有 {spec} 这一期；可用 `govinfo report bulletin` 列出各期",
    "issue.ambiguous": "多种简报都有 {spec} 这一期（{channels}）；请用 --channel 指明",
    # scoring rules
    "rule.no_adoption_points": (
        "计分办法 {ruleset} 未规定 {channel}（{level}）{form}的积分；请补充规则，或注明理由手工计分"
    ),
    # recording: a request refused, and why
    "record.demo_read_only": "{root} 是随附的演示日志，只读",
    "record.demo_read_only.cli": (
        "；要用演示数据练习，请先复制一份: `govinfo init 目录 --demo`，再加 --journal 目录；"
        "新建空白日志用 `govinfo init 目录`"
    ),
    "record.credits_mismatch": "内部错误: 积分分配之和不符；未写入",
    "record.unknown_item": "没有编号为「{item}」的信息",
    "record.unknown_item.cli": "；可用 `govinfo report changes` 查找编号",
    "record.unknown_unit": "没有代码为「{code}」的单位；已有: {known}{more}",
    "record.unknown_person": "没有代码为「{code}」的人员；已有: {known}{more}",
    "record.unknown_channel": "没有代码为「{code}」的刊物；已有: {known}{more}",
    "record.empty_title": "标题为空；请填写标题",
    "record.submit_unknown_commission": "没有编号为「{commission}」的约稿",
    "record.item_id_taken": "信息编号 {item} 已被占用",
    "record.nothing_to_amend": "没有要更正的内容；请至少修改一项",
    "record.forward_nowhere": "请至少指定一个转报刊物",
    "record.void_needs_reason": "请写明作废理由",
    "record.void_needs_reason.cli": "（--reason）",
    "record.unknown_event": "没有编号为 {event} 的事件",
    "record.unknown_event.cli": "；编号可从 `govinfo report timeline` 复制",
    "record.already_voided": "事件 {event} 已作废",
    "record.void_of_void": "作废记录不能再作废：要撤销作废，请恢复它（在应用里，于该行按 u）",
    "record.void_of_void.cli": "；`govinfo restore 作废编号 --reason ...`",
    "record.restore_not_a_void": "事件 {event} 不是作废记录；只有作废可以撤销",
    "record.restore_of_restore": "{event} 是一次撤销作废；要再次作废，请直接作废原事件",
    "record.already_restored": "作废 {event} 已撤销",
    "record.restore_of_edit": "作废 {event} 属于一次改分；请重新改分，不要撤销这次作废",
    "record.restore_item_taken": "信息 {item} 作废后已重新录入；请先作废重录的那条，或保留它而不撤销这次作废",
    "record.points_need_reason": "手工给分须注明理由",
    "record.points_need_reason.cli": "（--reason）",
    "record.no_leader": "请填写作出批示的领导",
    "record.score_needs_reason": "手工计分须注明理由",
    "record.score_needs_reason.cli": "（--reason）",
    "record.score_for_whom": "请指明积分记给谁",
    "record.score_for_whom.cli": ": --unit、--person 或 --item",
    "record.not_a_score": "{score} 不是计分事件；请给出要改分的计分编号",
    "record.score_voided": "计分 {score} 已作废",
    "record.score_superseded": "计分 {score} 不计入，计入的是 {other}；请对后者改分",
    "record.adopted_already": "{item} 已于 {day} 被{channel} {issue}采用（事件 {event}）；同一次采用只记一次",
    "record.adopted_already.cli": "；如是另一期，请用 --issue 写明",
    "record.no_rules": "{day} 没有生效的计分办法",
    "record.no_rules.cli": "；请先登记计分办法（govinfo register rules），或用 --points 和 --reason 手工给分",
    "record.topic_untitled": "选题没有标题；请写明内容",
    "record.topic_taken": "选题编号 {topic} 已用于《{title}》",
    "record.unknown_topic": "没有编号为「{topic}」的选题",
    "record.unknown_topic.cli": "；请先用 `govinfo topic` 登记选题",
    "record.commission_untitled": "约稿没有标题",
    "record.commission_untitled.cli": "；请填写标题，或用 --topic 指定选题",
    "record.person_elsewhere": "{person} 属于单位 {home}，不属于 {unit}",
    "record.commission_for_whom": "请指明向谁约稿",
    "record.commission_for_whom.cli": ": --unit 或 --person",
    "record.deadline_before": "时限 {deadline} 早于约稿日期 {day}",
    "record.commission_taken": "约稿编号 {commission} 已被占用",
    "record.unknown_commission": "没有编号为「{commission}」的约稿",
    "record.unknown_commission.cli": "；可用 `govinfo report commissions` 列出约稿",
    "record.commission_fulfilled": "约稿 {commission} 已由信息 {item} 完成",
    "record.follow_up_no_note": "请写明督办情况",
    "record.follow_up_no_note.cli": "（--note），如 电话督促、限6月25日前报送",
    "record.follow_up_nothing": "请指明督办的约稿（编号）或信息",
    "record.follow_up_nothing.cli": "（--item）",
    "record.nothing_to_chase": "约稿 {commission} 已由信息 {item} 完成，无需督办",
    "record.issue_empty": "一期简报至少要有一条信息",
    "record.issue_twice": "信息 {items} 在本期中重复",
    "record.issue_which": "编发哪一种简报？",
    "record.issue_which.cli": "请用 --channel 指定（县级刊物）",
    "record.issue_from_one": "期数从 1 开始",
    "record.issue_taken": "{issue} 已于 {day} 编发；下一个可用期数为 {next}",
    "record.total_taken": "总第{total}期 已是 {issue}",
    "record.penalty_no_rules": "{day} 没有生效的计分办法，无法扣分",
    "record.penalty_no_rules.cli": "（或改用 `govinfo score`）",
    "record.penalty_none": "计分办法 {ruleset} 未规定「{kind}」的扣分；无需记录",
    "record.commission_not_due": "约稿 {commission} 的时限是 {deadline}，尚未到期；暂不扣分",
    "record.commission_on_time": "约稿 {commission} 已按时报送（{delivered}）；不扣分",
    "record.commission_penalised": "约稿 {commission} 已扣过分（{points:+g}，计分 {score}）",
    "record.not_urgent": "信息 {item} 不是紧急信息",
    "record.urgent_undated": "信息 {item} 没有事发时间（occurred_at），无法判断是否迟报",
    "record.urgent_in_time": "信息 {item} 在 {minutes} 分钟内报告，未超过 {limit} 分钟时限",
    "record.urgent_penalised": "信息 {item} 已因迟报扣过分（{points:+g}，计分 {score}）",
    "record.not_one_month": "请给出一个月份，如 2011-06，而不是「{month}」",
    "record.no_quota": "{person} 在 {month} 没有月度报送任务（按当时计分办法的岗位规定）",
    "record.quota_met": "{person} {month} 报送 {count} 条，已完成每月 {quota} 条的任务",
    "record.quota_penalised": "{person} {month} 已扣过分（{points:+g}，计分 {score}）",
    "record.no_code_or_name": "登记须有代码和名称",
    "record.bad_kind": (
        "类型「{kind}」不对；可用 county（县）、township（乡镇）、department（部门）、office（办公室）或 other（其他）"
    ),
    "record.own_parent": "单位 {unit} 不能是自己的上级",
    "record.unregistered_parent": "上级单位「{parent}」未登记；请先登记",
    "record.unregistered_unit": "单位「{unit}」未登记；请先登记",
    "record.bad_role": "岗位「{role}」不对；可用 full_time（专职）或 part_time（兼职）",
    "record.bad_level": "级别「{level}」不对；可用 {levels}",
    "record.target_for_whom": "目标须针对一个单位或一名人员",
    "record.target_negative": "目标不能为负数",
    "record.rules_not_json": "计分办法不是有效的 JSON（{error}）",
    "record.rules_not_object": "计分办法应为 JSON 对象",
    "record.rules_invalid": "计分办法不合规定（{error}）",
    "record.before_submission": (
        "{what}日期为 {at:%Y-%m-%d %H:%M}，早于信息 {item} 的报送时间（{submitted:%Y-%m-%d %H:%M}）"
    ),
    "record.before_submission.cli": "；请用 --date 给出更晚的日期（只写日期即为当日 9:00）",
    "record.unit_twice": "单位 {units} 重复；联合报送的每个单位只写一次",
    "record.bad_scheme": "计分口径「{scheme}」不对；可用 {schemes}",
    "record.no_base_points": "计分办法 {ruleset} 未规定每月基础分（base_points）；无需记录",
    "record.nobody_to_reward": "{month} 没有应得基础分的人员: 有任务的信息员或未完成任务，或已记过",
    # what recording writes for its user: the reason of a void it makes on its own
    "record.reason.voided_with": "随 {target} 作废: {reason}",
    "record.reason.override": "改分: {reason}",
    # exports
    "export.unknown_format": "不认识格式「{fmt}」；可用 {formats}",
    "export.file_only": "{fmt} 格式只能写入文件；请给出文件名",
    "export.file_only.cli": "（-o 文件名）",
    "export.is_folder": "{path} 是文件夹；请给出文件名",
    "export.exists": "{path} 已存在",
    "export.exists.cli": "；要覆盖请加 --force",
    "export.not_regular": "{path} 是{what}，不是普通文件；导出只替换普通文件，请另选文件名",
    "export.kind.symlink": "符号链接",
    "export.kind.fifo": "命名管道（FIFO）",
    "export.kind.char_device": "字符设备",
    "export.kind.block_device": "块设备",
    "export.kind.socket": "套接字",
    "export.kind.other": "特殊文件",
    "export.no_folder": "文件夹 {folder} 不存在",
    "export.no_such_table": "报表 {kind} 没有「{key}」表；现有: {known}",
    "export.no_table": "报表 {kind} 没有可写成 CSV 的表",
    # check findings
    "check.unregistered_parent": "单位 {unit}: 上级 {parent} 未登记",
    "check.unregistered_unit": "人员 {person}: 所属单位 {unit} 未登记",
    "check.unscored_adoption": "{item} 被{channel}采用，但未计分；请用 `govinfo score` 补记",
    "check.unscored_comment": "{item} 的领导批示未计分",
    "check.score_of_voided": "计分 {points:+g} 的来源事件 {source} 已作废；请一并作废",
    "check.credits_mismatch": "积分分配之和为 {total:g}，应为 {points:g}",
    "check.score_disagrees": "计分 {points:g} 与规则 {rule}（{expected:g}）不符；请注明理由改分，或更正",
    "check.assertion": "核对数",
    "check.assertion_differs": "{source}: {unit} {period} 应为 {points:g} 分，台账为 {got:g} 分",
    "check.numbered_twice": "{issue} 期号重复（另见 {other}）",
    "check.numbering_gaps": "{bulletin} 期号不连续: 缺 {missing}（共 {count} 期）",
    "check.commission_code_reused": "约稿编号 {code} 重复使用（另见 {other}）；请作废其一，改用新编号重新记录",
    "check.topic_code_reused": "选题编号 {code} 重复使用（另见 {other}）；请作废其一，改用新编号重新记录",
    "check.unscored_in_scheme": "{item} 的{what}没有{scheme}；规则 {rule} 应计 {points:g} 分",
    "check.on_voided_item": "信息 {item} 的报送已作废，这条{verb}不再计入；请一并作废",
    "check.adoption_twice": "{item} 被{channel} {issue}采用记录了两次，只按 {other} 计一次；请作废这一条",
    "check.override_conflict": (
        "{subject} 的计分 {points:+g} 是多个有效改分之一（两个分支？），只有 {other} 计入；请作废错误的一条"
    ),
    "check.registered_twice": (
        "{kind} {code} 被两位互不知情的记录人登记成不同内容（两个分支？）；这一条计入，{other} 不计；请作废错误的一条"
    ),
    "check.total_twice": "总第{total}期 重复使用（另见 {issue}、{other}）",
    "check.voided_twice": "事件 {target} 被作废两次（另见 {other}）；多出的一次作废须手工处理",
    "check.date": "{fault}；如年份录错，请作废该事件后重新记录",
    # what is wrong with one event (core/faults.py): writes refuse it, `check` names it
    "fault.id": "编号「{id}」为空、超过 64 个字符或含空格；不写 `id` 即自动生成新编号",
    "fault.code": "字段 {field} 的代码「{code}」超过 64 个字符或含控制字符；请用简短代码",
    "fault.blank": "字段 {field} 为空",
    "fault.empty": "字段 {field} 为空；请至少写一项",
    "fault.unknown": "没有这个{kind}:「{code}」",
    "fault.before": "{kind} {code} 自 {since} 起才有记录，晚于本事件的日期",
    "fault.own_parent": "单位 {unit} 不能是自己的上级",
    "fault.parent_cycle": "单位 {unit}: 上级 {parent} 是它自己的下级（循环）",
    "fault.target_whom": "目标须针对一个单位或一名人员；请指明",
    "fault.negative": "字段 {field} 为负数（{value:g}）",
    "fault.occurred_after": "事发时间（{occurred}）晚于报告时间（{at}）",
    "fault.amend_nothing": "这次更正没有改动任何内容",
    "fault.listed_twice": "信息 {item} 列了两次",
    "fault.year_far": "年份 {year} 与本期日期 {at} 相差太远",
    "fault.person_elsewhere": "{person} 属于单位 {home}，不属于 {unit}",
    "fault.deadline_before": "时限 {deadline} 早于约稿日期 {at}",
    "fault.follow_nothing": "督办既没有指明约稿，也没有指明信息",
    "fault.period": "{error}；请作废这条核对数，用能识别的期间重新记录",
    "fault.place": "第 {place} 名（共 {of} 个）不是排名中可能的名次",
    "fault.void_of_void": "{target} 是一次撤销作废，不能再作废；要再次作废，请直接作废原事件",
    "fault.date_outside": (
        "日期 {date} 超出本日志的时间范围 {start} 至 {end}（最早记录 {core} 年之前 {span} 年，至今后一年）"
    ),
    "fault.date_outside_empty": "日期 {date} 超出时间范围 {start} 至 {end}（至今后一年）",
    # writes the gate refuses (core/recording/admission.py)
    "gate.refused": "{faults}；未写入",
    "gate.refused_dates": "{faults}；请检查年份；未写入",
    "gate.refused_dates.cli": "（加 --any-date 仍可写入，check 会继续列出）",
    "gate.id_taken": "编号 {id} 已在日志中；不写 `id` 即自动生成新编号",
    "gate.id_twice": "编号 {id} 在第 {other} 行也有",
    "gate.item_taken": "信息编号 {item} 已被占用",
    "gate.already_voided": "事件 {target} 已作废",
    "gate.code_taken": "{kind}编号 {code} 已被占用",
    "gate.issue_taken": "{channel} 的 {issue} 已编发",
    "gate.total_taken": "{channel} 的 总第{total}期 已编发",
    "gate.unreadable": "写入后将无法读回: {error}",
    "gate.number_range": "{what} {value} 不是 {low} 至 {high} 之间的数",
    "append.line": "{where}: {fault}",
    "append.refused": "{lines}\n{source}: 未写入（第 {numbers} 行）",
    "append.refused_dates": "{lines}\n{source}: 未写入（第 {numbers} 行）；请检查年份",
    "append.refused_dates.cli": "；加 --any-date 仍可写入，check 会继续列出",
    "append.no_events": "{source}: 输入中没有事件；未写入",
    "append.not_object": "应为 JSON 对象，每行一个事件",
    "append.utf16": "文件为 UTF-16；请另存为 UTF-8",
    "append.not_utf8": "不是有效的 UTF-8（第 {byte} 字节）；请将文件另存为 UTF-8",
    "append.not_json": "不是有效的 JSON（第 {byte} 字节附近有误）",
    "append.too_deep": "JSON 嵌套过深，不可能是事件",
    "append.invalid": "事件内容不合规定（字段 {field} 缺失或有误）",
    "append.conflict_marker": "git 冲突标记；请先解决合并冲突",
    "record.meeting_nobody": "会商会须写明参会人员；请至少写一人",
    "record.meeting_nobody.cli": "（--attendee 姓名，每人一个）",
    "record.meeting_same_day": "{day} 已记录过会商会（{meeting}）",
    "record.meeting_taken": "会商编号 {meeting} 已被占用",
    "fault.topic_listed_twice": "选题 {topic} 列了两次",
    "check.meeting_code_reused": "会商编号 {code} 重复使用（另见 {other}）；请作废其一，改用新编号重新记录",
    "check.meeting_gap": "提示：{year}年第{weeks}周（{first} 至 {last}）未召开信息会商会；上一次是 {day} 的 {meeting}",
}
