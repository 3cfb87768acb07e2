<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AddendaTab</name>
    <message>
        <source>After sealing nothing is edited: corrections are addenda, signed with your role key (supervisor.key for proctors and the site admin, evaluator.key for evaluators).</source>
        <translation>封存后不再修改：更正以补充说明形式提交，并用您的角色密钥签名（监考员和考点管理员用 supervisor.key，考评员用 evaluator.key）。</translation>
    </message>
    <message>
        <source>The correction</source>
        <translation>更正内容</translation>
    </message>
    <message>
        <source>Key file (supervisor.key or evaluator.key)</source>
        <translation>密钥文件（supervisor.key 或 evaluator.key）</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>密码短语</translation>
    </message>
    <message>
        <source>Sign and add</source>
        <translation>签名并添加</translation>
    </message>
</context>
<context>
    <name>AdminConsole</name>
    <message>
        <source>ExamSite console</source>
        <translation>ExamSite 管理台</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>考试场次</translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>考场</translation>
    </message>
    <message>
        <source>Candidates</source>
        <translation>考生</translation>
    </message>
    <message>
        <source>Import roster</source>
        <translation>导入名单</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Current session: %1 · %2</source>
        <translation>当前场次：%1 · %2</translation>
    </message>
    <message>
        <source>No current session</source>
        <translation>无当前场次</translation>
    </message>
    <message>
        <source>Seat map</source>
        <translation>座位图</translation>
    </message>
    <message>
        <source>Operations</source>
        <translation>考务操作</translation>
    </message>
    <message>
        <source>Monitoring</source>
        <translation>监控</translation>
    </message>
    <message numerus="yes">
        <source>Signing out in %n second(s) unless you tap or type.</source>
        <translation>
            <numerusform>%n 秒后自动退出登录，触摸屏幕或按键可继续</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n open camera alert(s)</source>
        <translation>
            <numerusform>%n 条摄像头告警待处理</numerusform>
        </translation>
    </message>
    <message>
        <source>Leave the kiosk</source>
        <translation>退出签到终端</translation>
    </message>
</context>
<context>
    <name>AttendanceTab</name>
    <message>
        <source>Set a candidate&apos;s attendance. Admitting after the late-entry cutoff needs a proctor or the site admin and a reason.</source>
        <translation>设置考生考勤。入场截止后准许入场须由监考员或考点管理员操作并填写原因。</translation>
    </message>
    <message>
        <source>Admission ticket</source>
        <translation>准考证号</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Set attendance</source>
        <translation>设置考勤</translation>
    </message>
</context>
<context>
    <name>CandidateResult</name>
    <message>
        <source>No photo</source>
        <translation>无照片</translation>
    </message>
    <message>
        <source>Ticket %1</source>
        <translation>准考证号 %1</translation>
    </message>
    <message>
        <source>ID %1</source>
        <translation>身份证号 %1</translation>
    </message>
    <message>
        <source>Your seat</source>
        <translation>您的座位</translation>
    </message>
    <message>
        <source>Room %1 · Seat %2</source>
        <translation>%1 考场 · %2 号座位</translation>
    </message>
    <message>
        <source>Seat not yet allocated</source>
        <translation>座位尚未分配</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Go to your seat. Keep your admission ticket and ID card with you.</source>
        <translation>请前往您的座位，并随身携带准考证和身份证。</translation>
    </message>
    <message numerus="yes">
        <source>This screen returns to the start in %n second(s).</source>
        <translation>
            <numerusform>本页面将在 %n 秒后返回首页。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CandidatesPage</name>
    <message>
        <source>Search by ticket, name, ID number, school, class or major</source>
        <translation>按准考证号、姓名、身份证号、学校、班级或专业搜索</translation>
    </message>
    <message numerus="yes">
        <source>%n candidate(s)</source>
        <translation>
            <numerusform>共 %n 名考生</numerusform>
        </translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>准考证号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>School</source>
        <translation>学校</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>班级</translation>
    </message>
    <message>
        <source>Major</source>
        <translation>专业</translation>
    </message>
    <message>
        <source>Seat</source>
        <translation>座位</translation>
    </message>
    <message>
        <source>No candidate matches “%1”.</source>
        <translation>没有与“%1”匹配的考生。</translation>
    </message>
    <message>
        <source>No candidates yet. Import a roster first.</source>
        <translation>暂无考生，请先导入考生名单。</translation>
    </message>
</context>
<context>
    <name>CheckInScreen</name>
    <message>
        <source>Skills assessment · identity check</source>
        <translation>职业技能等级考核 · 身份核验</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <source>Camera problem</source>
        <translation>摄像头异常</translation>
    </message>
    <message>
        <source>Camera · %1 fps</source>
        <translation>摄像头正常 · %1 帧/秒</translation>
    </message>
    <message>
        <source>The camera is not working: %1</source>
        <translation>摄像头无法工作：%1</translation>
    </message>
    <message>
        <source>Look straight at the camera and keep your face inside the oval</source>
        <translation>请正视摄像头，并将面部保持在椭圆框内</translation>
    </message>
    <message>
        <source>Check in</source>
        <translation>考生签到</translation>
    </message>
    <message>
        <source>Ticket or ID number</source>
        <translation>准考证号或身份证号</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重新输入</translation>
    </message>
    <message>
        <source>Need help? Raise your hand and a proctor will come to you.  Terminal %1</source>
        <translation>如需帮助，请举手示意监考老师。  终端 %1</translation>
    </message>
    <message>
        <source>Enter your admission ticket number or ID card number, or show the QR code on your admission ticket to the camera</source>
        <translation>请输入准考证号或身份证号，或将准考证上的二维码对准摄像头</translation>
    </message>
    <message>
        <source>Lock proctor mode (%1, until %2)</source>
        <translation>锁定监考模式（%1，至 %2）</translation>
    </message>
</context>
<context>
    <name>ConfirmStepDialog</name>
    <message>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>A reason is required:</source>
        <translation>需要填写原因：</translation>
    </message>
    <message>
        <source>Why now?</source>
        <translation>为何此时进行？</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>FeedWall</name>
    <message>
        <source>Connecting</source>
        <translation>连接中</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>No picture</source>
        <translation>无画面</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>已断开</translation>
    </message>
    <message>
        <source>Reconnecting</source>
        <translation>重连中</translation>
    </message>
    <message>
        <source>Frozen</source>
        <translation>画面冻结</translation>
    </message>
    <message>
        <source>Tampered</source>
        <translation>被干扰</translation>
    </message>
    <message>
        <source>All rooms</source>
        <translation>全部考场</translation>
    </message>
    <message numerus="yes">
        <source>%n camera(s)</source>
        <translation>
            <numerusform>%n 个摄像头</numerusform>
        </translation>
    </message>
    <message>
        <source>Reload cameras</source>
        <translation>重新加载摄像头</translation>
    </message>
    <message>
        <source>Start monitoring</source>
        <translation>开始监控</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>%1 open</source>
        <translation>%1 条未处理</translation>
    </message>
    <message>
        <source>No alerts: every camera is watching.</source>
        <translation>无告警：所有摄像头工作正常。</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Acknowledged by %1 at %2</source>
        <translation>已由 %1 于 %2 确认</translation>
    </message>
    <message>
        <source>This view is normal</source>
        <translation>此画面为正常画面</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>&quot;This view is normal&quot; stores what the camera shows now as its tamper baseline, under your name.</source>
        <translation>“此画面为正常画面”会以您的名义将摄像头当前画面保存为防遮挡/移动检测的基准。</translation>
    </message>
    <message>
        <source>Picture changing again</source>
        <translation>画面恢复变化</translation>
    </message>
    <message>
        <source>Pictures arriving</source>
        <translation>画面已接入</translation>
    </message>
    <message>
        <source>Stream closed or unreadable</source>
        <translation>视频流中断或无法读取</translation>
    </message>
    <message>
        <source>Monitoring stopped</source>
        <translation>监控已停止</translation>
    </message>
    <message>
        <source>Picture</source>
        <translation>画面</translation>
    </message>
    <message>
        <source>The monitor&apos;s picture at the moment of the alert, stored encrypted with the site key and sealed into the session&apos;s bundle.</source>
        <translation>告警发生时监控拍下的画面，已用考点密钥加密保存，并随本场次结果包封存。</translation>
    </message>
    <message>
        <source>Lens covered: contrast %1 (limit %2) for %3 s</source>
        <translation>镜头被遮挡：对比度 %1（下限 %2），已持续 %3 秒</translation>
    </message>
    <message>
        <source>Out of focus: sharpness %1% of the baseline for %2 s</source>
        <translation>画面失焦：清晰度为基准的 %1%，已持续 %2 秒</translation>
    </message>
    <message>
        <source>Camera moved or scene changed: similarity to the baseline %1 for %2 s</source>
        <translation>摄像头被移动或画面改变：与基准的相似度 %1，已持续 %2 秒</translation>
    </message>
    <message>
        <source>Picture unchanged for %1 s (%2 of %3 frame pairs the same)</source>
        <translation>画面静止 %1 秒（%3 对相邻帧中 %2 对相同）</translation>
    </message>
    <message>
        <source>Picture normal again for %1 s (was: %2)</source>
        <translation>画面恢复正常已 %1 秒（此前：%2）</translation>
    </message>
    <message>
        <source>No picture for %1 s</source>
        <translation>%1 秒无画面</translation>
    </message>
    <message>
        <source>Pictures again after %1 s</source>
        <translation>中断 %1 秒后恢复画面</translation>
    </message>
    <message>
        <source>Cannot open the stream</source>
        <translation>无法打开视频流</translation>
    </message>
    <message>
        <source>Cannot open %1 (refused, unreachable, not a video stream, or no answer within %2 ms)</source>
        <translation>无法打开 %1（被拒绝、不可达、不是视频流，或 %2 毫秒内无响应）</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>Reconnect attempt %1 after %2 s</source>
        <translation>第 %1 次重连，等待 %2 秒</translation>
    </message>
    <message>
        <source>Opening the stream</source>
        <translation>正在打开视频流</translation>
    </message>
    <message>
        <source>Reopening the stream</source>
        <translation>正在重新打开视频流</translation>
    </message>
</context>
<context>
    <name>ImportPage</name>
    <message>
        <source>Import the roster from the evaluation organisation into session %1. CSV (UTF-8 or GB18030, Chinese or English headers) or JSON. If any row is wrong, nothing is imported and every problem is listed below.</source>
        <translation>将评价组织下发的考生名单导入场次 %1。支持 CSV（UTF-8 或 GB18030 编码，中文或英文表头）和 JSON。只要有一行有误，将不导入任何数据，并在下方列出全部问题。</translation>
    </message>
    <message>
        <source>Path of the roster file, e.g. /media/usb/roster.csv</source>
        <translation>名单文件路径，例如 /media/usb/roster.csv</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Only a site administrator can import a roster.</source>
        <translation>只有考点管理员可以导入名单。</translation>
    </message>
    <message>
        <source>Line %1</source>
        <translation>第 %1 行</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Expected: %1</source>
        <translation>应为：%1</translation>
    </message>
    <message>
        <source>Choose a roster file</source>
        <translation>选择名单文件</translation>
    </message>
    <message>
        <source>Roster files (*.csv *.json *.txt)</source>
        <translation>名单文件 (*.csv *.json *.txt)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>new: %1</source>
        <translation>新增：%1</translation>
    </message>
    <message>
        <source>name changes from %1 to %2</source>
        <translation>姓名由 %1 改为 %2</translation>
    </message>
    <message>
        <source>%1: %2 change</source>
        <translation>%1：%2 有变更</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Import these changes</source>
        <translation>导入这些变更</translation>
    </message>
</context>
<context>
    <name>IncidentsTab</name>
    <message>
        <source>Admission ticket (for a candidate)</source>
        <translation>准考证号（涉及考生时）</translation>
    </message>
    <message>
        <source>Witness (staff username)</source>
        <translation>见证人（工作人员用户名）</translation>
    </message>
    <message>
        <source>Room (optional)</source>
        <translation>考场（选填）</translation>
    </message>
    <message>
        <source>Seat no. (optional)</source>
        <translation>座位号（选填）</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>情况说明</translation>
    </message>
    <message>
        <source>Record incident</source>
        <translation>记录异常</translation>
    </message>
    <message>
        <source>Amended: %1</source>
        <translation>补充说明：%1</translation>
    </message>
    <message>
        <source>Amendment (the original stays)</source>
        <translation>补充说明（原记录保留）</translation>
    </message>
    <message>
        <source>Amend</source>
        <translation>补充</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Environment: noise</source>
        <translation>环境：噪音</translation>
    </message>
    <message>
        <source>Environment: power</source>
        <translation>环境：停电</translation>
    </message>
    <message>
        <source>Environment: weather</source>
        <translation>环境：天气</translation>
    </message>
    <message>
        <source>Candidate: ID problem</source>
        <translation>考生：证件问题</translation>
    </message>
    <message>
        <source>Candidate: illness</source>
        <translation>考生：身体不适</translation>
    </message>
    <message>
        <source>Candidate: late</source>
        <translation>考生：迟到</translation>
    </message>
    <message>
        <source>Candidate: no-show</source>
        <translation>考生：缺考</translation>
    </message>
    <message>
        <source>Candidate: misconduct (违纪)</source>
        <translation>考生：违纪</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <source>Technical: workstation</source>
        <translation>技术：机位故障</translation>
    </message>
    <message>
        <source>Technical: network</source>
        <translation>技术：网络故障</translation>
    </message>
    <message>
        <source>Technical: camera</source>
        <translation>技术：摄像头故障</translation>
    </message>
    <message>
        <source>Technical: printing</source>
        <translation>技术：打印故障</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>到考</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>迟到</translation>
    </message>
    <message>
        <source>Left early</source>
        <translation>提前离场</translation>
    </message>
    <message>
        <source>Re-entered</source>
        <translation>再次入场</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>缺考</translation>
    </message>
</context>
<context>
    <name>LoginScreen</name>
    <message>
        <source>Staff sign-in</source>
        <translation>工作人员登录</translation>
    </message>
    <message>
        <source>Site staff only. Every sign-in is recorded.</source>
        <translation>仅限考点工作人员。每次登录都会被记录。</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Back to check-in</source>
        <translation>返回考生签到</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>ExamSite check-in</source>
        <translation>ExamSite 考生签到</translation>
    </message>
</context>
<context>
    <name>OperationsPage</name>
    <message>
        <source>Incidents</source>
        <translation>异常记录</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>考勤</translation>
    </message>
    <message>
        <source>Scoring</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Addenda</source>
        <translation>补充说明</translation>
    </message>
</context>
<context>
    <name>ProctorPanel</name>
    <message>
        <source>A proctor must check this candidate. </source>
        <translation>需要监考老师核验该考生。</translation>
    </message>
    <message>
        <source>Ticket %1</source>
        <translation>准考证号 %1</translation>
    </message>
    <message>
        <source>Registered photo</source>
        <translation>报名照片</translation>
    </message>
    <message>
        <source>Live camera</source>
        <translation>现场画面</translation>
    </message>
    <message>
        <source>Proctor username</source>
        <translation>监考员用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Reason, e.g. ID card checked by hand, photo outdated</source>
        <translation>原因，例如：已人工核对身份证、报名照片过旧</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Admit</source>
        <translation>准许入场</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>重新核验</translation>
    </message>
    <message>
        <source>Proctor mode: %1, until %2. Tap the reason to admit.</source>
        <translation>监考模式：%1，至 %2。点选原因即可放行。</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>锁定</translation>
    </message>
</context>
<context>
    <name>ReportsCard</name>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Folder (default: Documents/ExamSite/reports)</source>
        <translation>保存文件夹（默认：文档/ExamSite/reports）</translation>
    </message>
    <message>
        <source>Write session report and pilot table</source>
        <translation>生成场次报告和试点统计表</translation>
    </message>
    <message>
        <source>Training figures for the pilot table (site admin)</source>
        <translation>试点统计表培训人数（考点管理员）</translation>
    </message>
    <message>
        <source>Trained</source>
        <translation>培训人数</translation>
    </message>
    <message>
        <source>Of them, members of the public</source>
        <translation>其中社会人员</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
</context>
<context>
    <name>RoleKeyFile</name>
    <message>
        <source>Key file: %1 does not exist.</source>
        <translation>密钥文件：%1 不存在。</translation>
    </message>
</context>
<context>
    <name>RoomsPage</name>
    <message>
        <source>Usable seat</source>
        <translation>可用座位</translation>
    </message>
    <message>
        <source>Accessible seat</source>
        <translation>无障碍座位</translation>
    </message>
    <message>
        <source>Disabled seat</source>
        <translation>停用座位</translation>
    </message>
    <message>
        <source>%1 × %2 · %3 usable seats · %4 accessible</source>
        <translation>%1 × %2 · 可用座位 %3 个 · 无障碍 %4 个</translation>
    </message>
    <message>
        <source>Front of the room</source>
        <translation>讲台方向</translation>
    </message>
</context>
<context>
    <name>ScoreEntryCard</name>
    <message>
        <source>Enter scores</source>
        <translation>录入成绩</translation>
    </message>
    <message>
        <source>Scores are entered by evaluators signed in with their own account.</source>
        <translation>成绩由考评员以本人账号登录后录入。</translation>
    </message>
    <message>
        <source>This session has no scoring sheet yet.</source>
        <translation>本场次尚未设置评分表。</translation>
    </message>
    <message>
        <source>Scores are saved under your name; sign the sheet with your key when you are done.</source>
        <translation>成绩以您的名义保存；录入完毕后请用您的密钥签署评分表。</translation>
    </message>
    <message>
        <source>Admission ticket</source>
        <translation>准考证号</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>分数</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
</context>
<context>
    <name>ScoringTab</name>
    <message>
        <source>Scoring sheet: %1</source>
        <translation>评分表：%1</translation>
    </message>
    <message>
        <source>No scoring sheet yet.</source>
        <translation>尚未设置评分表。</translation>
    </message>
    <message>
        <source>Pass mark</source>
        <translation>合格分</translation>
    </message>
    <message>
        <source>Two evaluators score every task</source>
        <translation>每项由两名考评员评分</translation>
    </message>
    <message>
        <source>Save sheet</source>
        <translation>保存评分表</translation>
    </message>
    <message>
        <source>Discrepancies (%1)</source>
        <translation>评分差异（%1）</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>分数</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>裁定</translation>
    </message>
    <message>
        <source>Sign my scoring sheet (evaluator)</source>
        <translation>签署我的评分表（考评员）</translation>
    </message>
    <message>
        <source>Key file (evaluator.key)</source>
        <translation>密钥文件（evaluator.key）</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>密码短语</translation>
    </message>
    <message>
        <source>Sign</source>
        <translation>签署</translation>
    </message>
    <message>
        <source>Tasks, e.g. theory:100:60; practical:100:60:double</source>
        <translation>考核项目，例如 theory:100:60; practical:100:60:double</translation>
    </message>
</context>
<context>
    <name>SeatMapPage</name>
    <message>
        <source>Awaiting</source>
        <translation>待签到</translation>
    </message>
    <message>
        <source>Checked in</source>
        <translation>已签到</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>缺考</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>异常</translation>
    </message>
    <message>
        <source>Out of service</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Empty</source>
        <translation>空座</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>不可用</translation>
    </message>
    <message>
        <source>Front of the room · %1</source>
        <translation>讲台方向 · %1</translation>
    </message>
    <message>
        <source>Seat %1 · row %2, column %3</source>
        <translation>%1 号座位 · 第 %2 排第 %3 列</translation>
    </message>
    <message>
        <source>Tap a seat</source>
        <translation>请点选座位</translation>
    </message>
    <message>
        <source>Why is the seat out of service?</source>
        <translation>座位停用原因</translation>
    </message>
    <message>
        <source>Take out of service</source>
        <translation>停用并调座</translation>
    </message>
    <message>
        <source>Edit the room layout: a tap turns a free seat accessible, then disabled, then usable again</source>
        <translation>编辑考场布局：点选空座依次切换为无障碍座位、不可用、普通座位</translation>
    </message>
    <message>
        <source>Print (PDF)</source>
        <translation>打印（PDF）</translation>
    </message>
    <message>
        <source>Folder, e.g. /media/usb/print (default: Documents/ExamSite)</source>
        <translation>保存文件夹，例如 /media/usb/print（默认：文档/ExamSite）</translation>
    </message>
    <message>
        <source>This room</source>
        <translation>本考场</translation>
    </message>
    <message>
        <source>All rooms</source>
        <translation>全部考场</translation>
    </message>
    <message>
        <source>Out of service because: %1</source>
        <translation>停用原因：%1</translation>
    </message>
    <message>
        <source>Type the reason first; it is printed in the session&apos;s record.</source>
        <translation>请先填写原因；原因会记入本场次的记录。</translation>
    </message>
    <message>
        <source>Take out of service…</source>
        <translation>停用座位…</translation>
    </message>
    <message>
        <source>Take seat %1 out of service?</source>
        <translation>停用 %1 号座位？</translation>
    </message>
    <message>
        <source>%1 (%2) sits there and will be moved to another seat that fits; re-print the plans afterwards.</source>
        <translation>该座位上的考生 %1（%2）将被调到另一个合适的座位；之后请重新打印座位表。</translation>
    </message>
    <message>
        <source>Nobody sits there; nobody moves.</source>
        <translation>该座位无人，无需调座。</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>原因：%1</translation>
    </message>
    <message>
        <source>It can be put back into service later.</source>
        <translation>之后可以恢复使用。</translation>
    </message>
    <message>
        <source>Why can it be used again?</source>
        <translation>为什么可以恢复使用？</translation>
    </message>
    <message>
        <source>Put back into service</source>
        <translation>恢复使用</translation>
    </message>
</context>
<context>
    <name>SessionCard</name>
    <message>
        <source>Session status</source>
        <translation>场次状态</translation>
    </message>
    <message>
        <source>Reopen the session (closed by mistake)</source>
        <translation>重新开放场次（误关闭时）</translation>
    </message>
    <message>
        <source>Reopen session?</source>
        <translation>重新开放场次？</translation>
    </message>
    <message>
        <source>The session goes back to in progress; candidates marked absent at the close stay absent until a proctor admits them. The reopening is recorded with your name and reason.</source>
        <translation>场次将恢复为“考试进行中”；关闭时被记为缺考的考生仍为缺考，直到监考员为其办理入场。重新开放将连同您的姓名和原因一并记录。</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>重新开放</translation>
    </message>
    <message>
        <source>Mark no-shows absent (after the late-entry cutoff)</source>
        <translation>将未到考生记为缺考（入场截止后）</translation>
    </message>
</context>
<context>
    <name>SessionsPage</name>
    <message>
        <source>No sessions yet. Create one with &apos;examsite sessions create&apos;.</source>
        <translation>暂无场次。请用 &apos;examsite sessions create&apos; 创建。</translation>
    </message>
    <message>
        <source>%1 · %2 %3 · late entry until %4</source>
        <translation>%1 · %2 %3 · 迟到截止 %4</translation>
    </message>
    <message>
        <source>checked in / registered</source>
        <translation>已签到 / 报名人数</translation>
    </message>
</context>
<context>
    <name>VerifyingPanel</name>
    <message>
        <source>Re-entry check</source>
        <translation>再次入场核验</translation>
    </message>
    <message>
        <source>Identity check</source>
        <translation>身份核验</translation>
    </message>
    <message>
        <source>Ticket %1</source>
        <translation>准考证号 %1</translation>
    </message>
    <message>
        <source>Attempt %1 of %2</source>
        <translation>第 %1 次，共 %2 次</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>examsite::AppController</name>
    <message>
        <source>No session open</source>
        <translation>无进行中的场次</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>no face models configured</source>
        <translation>未配置人脸模型</translation>
    </message>
</context>
<context>
    <name>examsite::AuthViewModel</name>
    <message>
        <source>Enter your username and password.</source>
        <translation>请输入用户名和密码。</translation>
    </message>
    <message>
        <source>Too many failed attempts. This account is locked until %1.</source>
        <translation>登录失败次数过多，该账号已锁定至 %1。</translation>
    </message>
    <message>
        <source>This account has been deactivated.</source>
        <translation>该账号已停用。</translation>
    </message>
    <message>
        <source>Wrong username or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <source>Login failed: %1</source>
        <translation>登录失败：%1</translation>
    </message>
    <message>
        <source>Not allowed for your role: %1 is for %2.</source>
        <translation>您的角色无权执行此操作：%1仅限%2。</translation>
    </message>
    <message>
        <source> or </source>
        <translation>或</translation>
    </message>
</context>
<context>
    <name>examsite::CheckInViewModel</name>
    <message>
        <source>No exam session is open for check-in on this terminal. Please ask a proctor.</source>
        <translation>本终端当前没有开放签到的考试场次，请联系监考老师。</translation>
    </message>
    <message>
        <source>No candidate with number %1 is registered for this session. Check the number on your admission ticket, or ask a proctor.</source>
        <translation>本场次没有号码为 %1 的考生。请核对准考证上的号码，或联系监考老师。</translation>
    </message>
    <message>
        <source>The roster could not be read: %1. Please ask a proctor.</source>
        <translation>无法读取考生名单：%1。请联系监考老师。</translation>
    </message>
    <message>
        <source>Face verification is not available on this terminal (%1). A proctor will check your identity.</source>
        <translation>本终端无法进行人脸核验（%1）。将由监考老师核验您的身份。</translation>
    </message>
    <message>
        <source>Please look at the camera</source>
        <translation>请正视摄像头</translation>
    </message>
    <message>
        <source>Welcome back. Please look at the camera to re-enter.</source>
        <translation>欢迎回来，请正视摄像头以再次入场。</translation>
    </message>
    <message>
        <source>Please look at the camera.</source>
        <translation>请正视摄像头。</translation>
    </message>
    <message>
        <source>Your registered photo cannot be used for face verification (%1). A proctor will check your identity.</source>
        <translation>您的报名照片无法用于人脸核验（%1）。将由监考老师核验您的身份。</translation>
    </message>
    <message>
        <source>Your face could not be matched with your registered photo.</source>
        <translation>您的面部与报名照片不一致。</translation>
    </message>
    <message>
        <source>The camera could not confirm a live person.</source>
        <translation>摄像头无法确认为真人。</translation>
    </message>
    <message>
        <source>The face in front of the camera changed during the check.</source>
        <translation>核验过程中摄像头前的人脸发生了变化。</translation>
    </message>
    <message>
        <source>The face check could not be completed.</source>
        <translation>人脸核验未能完成。</translation>
    </message>
    <message>
        <source>Not recognised yet (attempt %1 of %2). Remove glasses or a hat and look straight at the camera.</source>
        <translation>暂未识别成功（第 %1 次，共 %2 次）。请摘下眼镜或帽子，正视摄像头。</translation>
    </message>
    <message>
        <source>Please blink</source>
        <translation>请眨眨眼</translation>
    </message>
    <message>
        <source>Slowly turn your head to your left</source>
        <translation>请慢慢向左转头</translation>
    </message>
    <message>
        <source>Slowly turn your head to your right</source>
        <translation>请慢慢向右转头</translation>
    </message>
    <message>
        <source>Only one person in front of the camera, please</source>
        <translation>摄像头前只能有一人</translation>
    </message>
    <message>
        <source>Please move closer</source>
        <translation>请靠近一些</translation>
    </message>
    <message>
        <source>Move to the centre of the picture</source>
        <translation>请移到画面中央</translation>
    </message>
    <message>
        <source>Hold still</source>
        <translation>请保持不动</translation>
    </message>
    <message>
        <source>Your face is too dark; face the light</source>
        <translation>面部太暗，请面向光源</translation>
    </message>
    <message>
        <source>Too much light on your face</source>
        <translation>面部光线过强</translation>
    </message>
    <message>
        <source>Look straight at the camera</source>
        <translation>请正视摄像头</translation>
    </message>
    <message>
        <source>Hold still, checking…</source>
        <translation>请保持不动，正在核验…</translation>
    </message>
    <message>
        <source>This face has already checked in under ticket %1. A proctor must check your identity.</source>
        <translation>该人脸已使用准考证号 %1 签到。需由监考老师核验您的身份。</translation>
    </message>
    <message>
        <source>This face matches another registered candidate (ticket %1) better. A proctor must check your identity.</source>
        <translation>该人脸与另一名考生（准考证号 %1）更相似。需由监考老师核验您的身份。</translation>
    </message>
    <message>
        <source>The check-in could not be saved: %1</source>
        <translation>签到记录无法保存：%1</translation>
    </message>
    <message>
        <source>Admitted by the proctor.</source>
        <translation>监考老师已准许入场。</translation>
    </message>
    <message>
        <source>Identity confirmed. Welcome back.</source>
        <translation>身份核验通过，欢迎回来。</translation>
    </message>
    <message>
        <source>Identity confirmed. You are checked in.</source>
        <translation>身份核验通过，签到成功。</translation>
    </message>
    <message>
        <source>this site has no ticket-signing key</source>
        <translation>本考点尚无准考证签名密钥</translation>
    </message>
    <message>
        <source>the ticket is for session %1</source>
        <translation>该准考证属于场次 %1</translation>
    </message>
    <message>
        <source>This QR code is not a valid admission ticket for this session (%1). Type the ticket number, or ask a proctor.</source>
        <translation>该二维码不是本场次的有效准考证（%1）。请输入准考证号，或联系监考老师。</translation>
    </message>
    <message>
        <source>Late entry closed at %1. Only a proctor can admit you now, with a reason.</source>
        <translation>入场截止时间 %1 已过。现在只能由监考老师说明原因后准许入场。</translation>
    </message>
    <message>
        <source>The admission could not be saved: %1</source>
        <translation>放行记录未能保存：%1</translation>
    </message>
    <message>
        <source>Check-in for this session has not opened yet. Please wait: a proctor opens it on the console (Operations).</source>
        <translation>本场次尚未开放签到。请稍候：监考员将在管理台（考务）开放签到。</translation>
    </message>
    <message>
        <source>Session status: %1. Nobody is checked in or admitted any more. Please see a proctor.</source>
        <translation>场次状态：%1。已不再签到或放行考生。请联系监考员。</translation>
    </message>
    <message>
        <source>Type at least %1 characters of your ticket or ID number.</source>
        <translation>请至少输入准考证号或身份证号的 %1 位。</translation>
    </message>
    <message>
        <source>You were already checked in at %1 on terminal %2. A proctor will help you.</source>
        <translation>您已于 %1 在终端 %2 签到。监考员会协助您。</translation>
    </message>
</context>
<context>
    <name>examsite::FeedAlertsViewModel</name>
    <message>
        <source>Sign in to acknowledge alerts.</source>
        <translation>请登录后确认告警。</translation>
    </message>
    <message>
        <source>Alert acknowledged by %1.</source>
        <translation>告警已由 %1 确认。</translation>
    </message>
    <message>
        <source>Sign in to see camera pictures.</source>
        <translation>请先登录再查看监控画面。</translation>
    </message>
    <message>
        <source>The picture of alert %1 cannot be read.</source>
        <translation>告警 %1 的画面无法读取。</translation>
    </message>
</context>
<context>
    <name>examsite::FeedWallViewModel</name>
    <message>
        <source>This terminal cannot open camera streams.</source>
        <translation>本终端无法打开摄像头视频流。</translation>
    </message>
    <message>
        <source>No cameras yet: a technician adds them with &apos;examsite feeds add&apos;.</source>
        <translation>尚未添加摄像头：请技术人员用“examsite feeds add”添加。</translation>
    </message>
    <message>
        <source>Could not record %1 for %2: %3</source>
        <translation>无法记录 %2 的 %1：%3</translation>
    </message>
    <message>
        <source>no usable frames to learn from</source>
        <translation>没有可用的画面</translation>
    </message>
    <message>
        <source>Baseline for %1 confirmed by %2.</source>
        <translation>%1 的基准画面已由 %2 确认。</translation>
    </message>
    <message>
        <source>Baseline for %1 not stored: %2</source>
        <translation>%1 的基准画面未保存：%2</translation>
    </message>
    <message>
        <source>%1 is not live: a baseline is taken from a live picture.</source>
        <translation>%1 当前无实时画面：基准画面须取自实时画面。</translation>
    </message>
    <message>
        <source>Learning what %1 normally shows (3 s)...</source>
        <translation>正在采集 %1 的正常画面（3 秒）……</translation>
    </message>
    <message>
        <source>This session is sealed and its log is closed: choose the next session to watch its rooms.</source>
        <translation>本场次已封存，日志已关闭：请选择下一场次以监控其考场。</translation>
    </message>
</context>
<context>
    <name>examsite::IdCardViewModel</name>
    <message>
        <source>The ID card of %1 is not registered for this session. Please ask a proctor.</source>
        <translation>持证人 %1 未登记在本场考试中。请联系监考员。</translation>
    </message>
    <message>
        <source>The ID card of %1 is registered for session %2, not for this one. Please ask a proctor.</source>
        <translation>持证人 %1 登记在场次 %2，不在本场考试中。请联系监考员。</translation>
    </message>
    <message>
        <source>Your ID card does not agree with the roster. A proctor will check your identity.</source>
        <translation>您的身份证信息与考生名单不一致，将由监考员核验您的身份。</translation>
    </message>
    <message>
        <source>Your ID card expired on %1. A proctor will check your identity.</source>
        <translation>您的身份证已于 %1 过期，将由监考员核验您的身份。</translation>
    </message>
    <message>
        <source>Your ID card is valid only from %1. A proctor will check your identity.</source>
        <translation>您的身份证自 %1 起才生效，将由监考员核验您的身份。</translation>
    </message>
    <message>
        <source>The roster could not be read: %1. Please ask a proctor.</source>
        <translation>无法读取考生名单：%1。请联系监考老师。</translation>
    </message>
    <message>
        <source>The card could not be read. Place one card flat on the reader and hold it still until it is read.</source>
        <translation>未能读取证件。请将一张证件平放在阅读器上，保持不动直至读取完成。</translation>
    </message>
    <message>
        <source>This kind of card cannot be read here. Type the number on your admission ticket, or ask a proctor.</source>
        <translation>本终端无法读取此类证件。请输入准考证号，或联系监考员。</translation>
    </message>
    <message>
        <source>The card could not be read (%1). Place it on the reader again, or type the number on your admission ticket.</source>
        <translation>未能读取证件（%1）。请重新放置证件，或输入准考证号。</translation>
    </message>
    <message>
        <source>ID-card reader ready: place your ID card on it</source>
        <translation>身份证阅读器已就绪：请将身份证放在阅读器上</translation>
    </message>
    <message>
        <source>ID-card reader starting…</source>
        <translation>身份证阅读器正在启动…</translation>
    </message>
    <message>
        <source>ID-card reader not ready (%1): type your ticket number</source>
        <translation>身份证阅读器未就绪（%1）：请输入准考证号</translation>
    </message>
    <message>
        <source>no end (长期)</source>
        <translation>长期</translation>
    </message>
    <message>
        <source>ID card valid %1 – %2: not valid today</source>
        <translation>身份证有效期 %1 – %2：今日不在有效期内</translation>
    </message>
    <message>
        <source>ID card valid %1 – %2</source>
        <translation>身份证有效期 %1 – %2</translation>
    </message>
    <message>
        <source>male</source>
        <translation>男</translation>
    </message>
    <message>
        <source>female</source>
        <translation>女</translation>
    </message>
    <message>
        <source>Name: %1 on the card, %2 in the roster</source>
        <translation>姓名：证件上为 %1，名单中为 %2</translation>
    </message>
    <message>
        <source>Sex: %1 on the card, %2 in the roster</source>
        <translation>性别：证件上为 %1，名单中为 %2</translation>
    </message>
    <message>
        <source>Birth date: %1 on the card, %2 in the roster</source>
        <translation>出生日期：证件上为 %1，名单中为 %2</translation>
    </message>
</context>
<context>
    <name>examsite::ImportViewModel</name>
    <message>
        <source>Choose a roster file first.</source>
        <translation>请先选择名单文件。</translation>
    </message>
    <message numerus="yes">
        <source>Roster rejected: %n problem(s) found. Nothing was imported; correct the file and import it again.</source>
        <translation>
            <numerusform>名单被拒绝：发现 %n 个问题，未导入任何数据。请修改文件后重新导入。</numerusform>
        </translation>
    </message>
    <message>
        <source>Imported %1 rows (%2): %3 added, %4 updated, %5 unchanged, %6 photos.</source>
        <translation>已导入 %1 行（%2）：新增 %3，更新 %4，未变 %5，照片 %6 张。</translation>
    </message>
    <message>
        <source>Nothing was imported.</source>
        <translation>未导入任何内容。</translation>
    </message>
    <message>
        <source>name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>school</source>
        <translation>学校</translation>
    </message>
    <message>
        <source>class</source>
        <translation>班级</translation>
    </message>
    <message>
        <source>major</source>
        <translation>专业</translation>
    </message>
    <message>
        <source>seating needs</source>
        <translation>座位需求</translation>
    </message>
    <message>
        <source>workstation</source>
        <translation>工位类型</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Session %1 already has %2 candidates. This file (%3 rows) adds %4, changes %5 (%6 of them under another name) and leaves %7 unchanged; %8 registered candidates are not in it and stay registered. Import?</source>
        <translation>场次 %1 已有 %2 名考生。此文件（%3 行）将新增 %4 名、修改 %5 名（其中 %6 名姓名改变），%7 名不变；另有 %8 名已报名考生不在文件中，将保留报名。确定导入？</translation>
    </message>
</context>
<context>
    <name>examsite::IncidentsViewModel</name>
    <message>
        <source>reported by %1</source>
        <translation>报告人 %1</translation>
    </message>
    <message>
        <source>witness %1</source>
        <translation>见证人 %1</translation>
    </message>
    <message>
        <source>No picture</source>
        <translation>不附图片</translation>
    </message>
    <message>
        <source>Picture from the kiosk camera</source>
        <translation>附签到终端摄像头画面</translation>
    </message>
    <message>
        <source>Picture from camera %1</source>
        <translation>附摄像头 %1 画面</translation>
    </message>
    <message>
        <source>Seat %1: give its room too.</source>
        <translation>座位 %1：请同时填写考场。</translation>
    </message>
    <message>
        <source>Room %1 is not used by this session.</source>
        <translation>本场次未使用考场 %1。</translation>
    </message>
    <message>
        <source>Room %1 has no seat %2 (the number printed on the desk).</source>
        <translation>考场 %1 没有 %2 号座位（以桌面上的座位号为准）。</translation>
    </message>
    <message>
        <source>Evidence: %1 has no picture right now; choose another source or none.</source>
        <translation>证据：%1 当前没有画面，请选择其他来源或不附图片。</translation>
    </message>
    <message>
        <source>Incident %1 recorded.</source>
        <translation>异常记录 %1 已保存。</translation>
    </message>
    <message>
        <source>Incident %1 amended.</source>
        <translation>异常记录 %1 已补充说明。</translation>
    </message>
</context>
<context>
    <name>examsite::Policy</name>
    <message>
        <source>creating sessions</source>
        <translation>创建场次</translation>
    </message>
    <message>
        <source>moving a session on</source>
        <translation>推进场次状态</translation>
    </message>
    <message>
        <source>applying the late-entry cutoff</source>
        <translation>执行迟到截止</translation>
    </message>
    <message>
        <source>changing attendance</source>
        <translation>更改考勤</translation>
    </message>
    <message>
        <source>admitting a candidate</source>
        <translation>放行考生</translation>
    </message>
    <message>
        <source>entering training figures</source>
        <translation>录入培训人数</translation>
    </message>
    <message>
        <source>recording incidents</source>
        <translation>记录异常事件</translation>
    </message>
    <message>
        <source>adding addenda</source>
        <translation>添加补充说明</translation>
    </message>
    <message>
        <source>defining the score sheet</source>
        <translation>设定评分表</translation>
    </message>
    <message>
        <source>entering scores</source>
        <translation>录入成绩</translation>
    </message>
    <message>
        <source>resolving score discrepancies</source>
        <translation>处理评分分歧</translation>
    </message>
    <message>
        <source>signing score sheets</source>
        <translation>签署评分表</translation>
    </message>
    <message>
        <source>managing rooms and layouts</source>
        <translation>管理考场与座位布局</translation>
    </message>
    <message>
        <source>committing a session&apos;s allocation input</source>
        <translation>提交座位编排输入承诺</translation>
    </message>
    <message>
        <source>allocating a session&apos;s seats</source>
        <translation>编排场次座位</translation>
    </message>
    <message>
        <source>taking a seat out of service</source>
        <translation>停用座位</translation>
    </message>
    <message>
        <source>importing rosters</source>
        <translation>导入名单</translation>
    </message>
    <message>
        <source>exporting the roster with ID numbers</source>
        <translation>导出含身份证号的名单</translation>
    </message>
    <message>
        <source>enrolling faces</source>
        <translation>登记人脸</translation>
    </message>
    <message>
        <source>purging personal data</source>
        <translation>清除个人数据</translation>
    </message>
    <message>
        <source>managing staff accounts</source>
        <translation>管理工作人员账号</translation>
    </message>
    <message>
        <source>adding and removing cameras</source>
        <translation>添加和移除摄像头</translation>
    </message>
    <message>
        <source>watching camera feeds</source>
        <translation>监看摄像头画面</translation>
    </message>
    <message>
        <source>acknowledging camera alerts</source>
        <translation>确认摄像头告警</translation>
    </message>
    <message>
        <source>exporting camera pictures</source>
        <translation>导出摄像头画面</translation>
    </message>
    <message>
        <source>signing ledger checkpoints</source>
        <translation>签署账本检查点</translation>
    </message>
    <message>
        <source>sealing a session</source>
        <translation>封存场次</translation>
    </message>
    <message>
        <source>uploading bundles</source>
        <translation>上传结果包</translation>
    </message>
    <message>
        <source>Site administrator</source>
        <translation>考点管理员</translation>
    </message>
    <message>
        <source>Proctor</source>
        <translation>监考员</translation>
    </message>
    <message>
        <source>Evaluator</source>
        <translation>考评员</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>技术支持</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>待开始</translation>
    </message>
    <message>
        <source>Check-in open</source>
        <translation>签到中</translation>
    </message>
    <message>
        <source>Open check-in</source>
        <translation>开放签到</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>考试中</translation>
    </message>
    <message>
        <source>Start the exam</source>
        <translation>开始考试</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>Close the session</source>
        <translation>结束本场次</translation>
    </message>
    <message>
        <source>Sealed</source>
        <translation>已封存</translation>
    </message>
    <message>
        <source>Uploaded</source>
        <translation>已上传</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>seeing full ID numbers</source>
        <translation>查看完整身份证号</translation>
    </message>
    <message>
        <source>reopening a closed session</source>
        <translation>重新开放已关闭的场次</translation>
    </message>
    <message>
        <source>voiding a result for misconduct</source>
        <translation>因违纪取消成绩</translation>
    </message>
    <message>
        <source>leaving the kiosk</source>
        <translation>退出签到终端</translation>
    </message>
    <message>
        <source>copying the site to another store</source>
        <translation>将考点数据复制到另一个存储</translation>
    </message>
</context>
<context>
    <name>examsite::ProctorOverrideViewModel</name>
    <message>
        <source>Write down why you admit this candidate.</source>
        <translation>请填写准许该考生入场的原因。</translation>
    </message>
    <message>
        <source>Only a proctor or site administrator may admit a candidate.</source>
        <translation>只有监考员或考点管理员可以准许考生入场。</translation>
    </message>
    <message>
        <source>This account is locked after too many failed attempts.</source>
        <translation>该账号因多次登录失败已被锁定。</translation>
    </message>
    <message>
        <source>Wrong username or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
</context>
<context>
    <name>examsite::ProctorUnlock</name>
    <message>
        <source>ID card checked by hand</source>
        <translation>已人工核验身份证件</translation>
    </message>
    <message>
        <source>Registered photo outdated</source>
        <translation>报名照片与本人差异较大</translation>
    </message>
    <message>
        <source>Glasses, hairstyle or make-up changed</source>
        <translation>眼镜、发型或妆容有变化</translation>
    </message>
    <message>
        <source>Camera or lighting problem</source>
        <translation>摄像头或光线问题</translation>
    </message>
    <message>
        <source>Face check not available</source>
        <translation>人脸核验不可用</translation>
    </message>
    <message>
        <source>Re-entry confirmed by the proctor</source>
        <translation>监考员确认再次入场</translation>
    </message>
</context>
<context>
    <name>examsite::ReportsViewModel</name>
    <message>
        <source>Training figures: enter whole numbers.</source>
        <translation>培训人数：请输入整数。</translation>
    </message>
    <message>
        <source>Training figures saved: %1 trained, %2 of them members of the public.</source>
        <translation>培训人数已保存：培训 %1 人，其中社会人员 %2 人。</translation>
    </message>
    <message>
        <source>Addendum: write the correction.</source>
        <translation>补充说明：请填写更正内容。</translation>
    </message>
    <message>
        <source>Addendum signed and recorded.</source>
        <translation>补充说明已签名并记录。</translation>
    </message>
    <message>
        <source>%1: cannot create the folder</source>
        <translation>%1：无法创建文件夹</translation>
    </message>
    <message>
        <source>Reports written to %1 (session report and pilot table, CSV and PDF).</source>
        <translation>报表已保存到 %1（场次报告和试点统计表，CSV 和 PDF）。</translation>
    </message>
</context>
<context>
    <name>examsite::ScoringViewModel</name>
    <message>
        <source>%1; pass mark %2%3</source>
        <translation>%1；合格分 %2%3</translation>
    </message>
    <message>
        <source>; double scoring</source>
        <translation>；双人评分</translation>
    </message>
    <message>
        <source>Points: enter a number.</source>
        <translation>分数：请输入数字。</translation>
    </message>
    <message>
        <source>%1: %2 points for %3 recorded.</source>
        <translation>%1：%3 得分 %2 已记录。</translation>
    </message>
    <message>
        <source>Pass mark: enter a number.</source>
        <translation>合格分：请输入数字。</translation>
    </message>
    <message>
        <source>Scoring sheet saved: %1.</source>
        <translation>评分表已保存：%1。</translation>
    </message>
    <message>
        <source>%1 %2: final points %3.</source>
        <translation>%1 %2：最终得分 %3。</translation>
    </message>
    <message>
        <source>Scoring sheet of %1 signed; its scores are locked.</source>
        <translation>%1 的评分表已签署，成绩已锁定。</translation>
    </message>
    <message>
        <source>Tasks: give at least one, as NAME:MAXIMUM[:PASS][:double].</source>
        <translation>考核项目：至少填写一项，格式为 名称:满分[:及格分][:double]。</translation>
    </message>
</context>
<context>
    <name>examsite::SeatMapViewModel</name>
    <message>
        <source>Say why the seat is out of service.</source>
        <translation>请填写座位停用原因。</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>不可用</translation>
    </message>
    <message>
        <source>accessible</source>
        <translation>无障碍座位</translation>
    </message>
    <message>
        <source>usable</source>
        <translation>普通座位</translation>
    </message>
    <message>
        <source>Sign in to print.</source>
        <translation>请先登录再打印。</translation>
    </message>
    <message>
        <source>Printed to %1: seat plans, door lists, sign-in sheets and admission tickets (PDF).</source>
        <translation>已输出到 %1：座位表、门贴名单、签到表和准考证（PDF）。</translation>
    </message>
    <message>
        <source>%1: cannot create the folder</source>
        <translation>%1：无法创建文件夹</translation>
    </message>
    <message>
        <source>%1 %2 moves to room %3, seat %4 (row %5, column %6)</source>
        <translation>%1 %2 调至 %3 考场 %4 号座位（第 %5 排第 %6 列）</translation>
    </message>
    <message>
        <source>%1 is out of service; nobody had to move.</source>
        <translation>%1 已停用；无考生需要调座。</translation>
    </message>
    <message>
        <source>%1 is out of service. %2. Re-print the plans of the rooms concerned.</source>
        <translation>%1 已停用。%2。请重新打印相关考场的座位表。</translation>
    </message>
    <message>
        <source>Say why the seat can be used again.</source>
        <translation>请说明座位为什么可以恢复使用。</translation>
    </message>
    <message>
        <source>%1 is in service again and free for new seat moves.</source>
        <translation>%1 已恢复使用，可用于新的调座。</translation>
    </message>
    <message>
        <source>Room %1 seat %2</source>
        <translation>%1 考场 %2 号座位</translation>
    </message>
    <message>
        <source>Undo: room %1 seat %2 back to %3</source>
        <translation>撤销：%1 考场 %2 号座位恢复为%3</translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1：%2。</translation>
    </message>
</context>
<context>
    <name>examsite::SessionScopedViewModel</name>
    <message>
        <source>Sign in first.</source>
        <translation>请先登录。</translation>
    </message>
</context>
<context>
    <name>examsite::SessionViewModel</name>
    <message>
        <source>Registered</source>
        <translation>报名</translation>
    </message>
    <message>
        <source>Not yet checked in</source>
        <translation>尚未签到</translation>
    </message>
    <message numerus="yes">
        <source>The kiosk starts checking in the %n registered candidate(s) of session %1.</source>
        <translation>
            <numerusform>自助终端将开始为场次 %1 的 %n 名已报名考生办理签到。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The exam starts; %n candidate(s) not yet checked in can still enter until the late-entry cutoff at %1.</source>
        <translation>
            <numerusform>考试开始；尚未签到的 %n 名考生在迟到截止时间 %1 之前仍可入场。</numerusform>
        </translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message numerus="yes">
        <source>%n candidate(s) not checked in will be marked absent, and nobody can check in any more.</source>
        <translation>
            <numerusform>尚未签到的 %n 名考生将被记为缺考，之后任何人都不能再签到。</numerusform>
        </translation>
    </message>
    <message>
        <source>Late entry is still open until %1.</source>
        <translation>迟到入场截止时间为 %1，目前仍可入场。</translation>
    </message>
    <message>
        <source>The exam is scheduled to end at %1.</source>
        <translation>考试计划于 %1 结束。</translation>
    </message>
    <message>
        <source>Only the site administrator can reopen a closed session, with a reason.</source>
        <translation>场次关闭后只能由考点管理员填写原因后重新开放。</translation>
    </message>
    <message>
        <source>%1: %2?</source>
        <translation>%1：%2？</translation>
    </message>
    <message>
        <source>Session %1 has no next step.</source>
        <translation>场次 %1 没有下一步。</translation>
    </message>
    <message>
        <source>Closing now, before the late-entry cutoff or the scheduled end, needs a reason.</source>
        <translation>在迟到截止时间或计划结束时间之前关闭场次，必须填写原因。</translation>
    </message>
    <message>
        <source>Session %1 is now: %2.</source>
        <translation>场次 %1 当前状态：%2。</translation>
    </message>
    <message>
        <source>Say why the close was a mistake.</source>
        <translation>请说明关闭场次属于误操作的原因。</translation>
    </message>
    <message>
        <source>Session %1 is in progress again.</source>
        <translation>场次 %1 已恢复为考试进行中。</translation>
    </message>
    <message numerus="yes">
        <source>%n candidate(s) not checked in marked absent.</source>
        <translation>
            <numerusform>%n 名未签到考生已记为缺考。</numerusform>
        </translation>
    </message>
    <message>
        <source>Nobody marked absent (the cutoff has not passed, or everyone has checked in).</source>
        <translation>没有考生被记为缺考（尚未到入场截止时间，或所有考生均已签到）。</translation>
    </message>
    <message>
        <source>%1: attendance set to %2.</source>
        <translation>%1：考勤已设为 %2。</translation>
    </message>
</context>
</TS>
