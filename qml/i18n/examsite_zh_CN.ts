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
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <source>Sign and add</source>
        <translation>签名并添加</translation>
    </message>
    <message>
        <source>This session is sealed: its record no longer changes, and a correction is a signed addendum. Addenda recorded now are sent in an addendum bundle, prepared on the Signatures tab.</source>
        <translation>本场次已封存，记录不再更改；如需更正，请添加签名的补充说明。现在添加的补充说明将随补充说明数据包发送，该数据包在“签名”标签页中准备。</translation>
    </message>
    <message>
        <source>Key file (%1)</source>
        <extracomment>%1: the key file of the signed-in member&apos;s role, supervisor.key or evaluator.key</extracomment>
        <translation>密钥文件（%1）</translation>
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
        <source>Site server unreachable, reconnecting… The figures are those of the last contact; try a change again once this notice is gone.</source>
        <translation>考点服务器无法连接，正在重新连接…当前数字为最后一次连接时的数据；请在此提示消失后再进行修改。</translation>
    </message>
    <message>
        <source>Close the kiosk…</source>
        <translation>关闭签到程序…</translation>
    </message>
    <message>
        <source>Close the check-in program?</source>
        <translation>关闭签到程序？</translation>
    </message>
    <message>
        <source>The check-in screen on this PC closes: candidates cannot check in here until the kiosk session is started again (restart the PC or the kiosk session). Other terminals are not affected.</source>
        <translation>本机的签到界面将关闭：在重新启动签到终端会话（重启本机或签到会话）之前，考生无法在本机签到。其他终端不受影响。</translation>
    </message>
    <message>
        <source>Close the program</source>
        <translation>关闭程序</translation>
    </message>
    <message>
        <source>Keep check-in running</source>
        <translation>继续签到</translation>
    </message>
</context>
<context>
    <name>AssignSeatDialog</name>
    <message>
        <source>Assign room %1 seat %2 by hand</source>
        <translation>手动分配考场 %1 的 %2 号座位</translation>
    </message>
    <message>
        <source>Row %1, column %2. The candidate sits here from now on; the reason is recorded with your name, and the seat check (&apos;seat verify&apos;) and the sealed bundle show the assignment.</source>
        <translation>第 %1 排第 %2 列。考生从现在起坐在这里；原因连同您的姓名一并记录，座位核验（&apos;seat verify&apos;）和封存的数据包都会显示这次分配。</translation>
    </message>
    <message>
        <source>Candidate</source>
        <translation>考生</translation>
    </message>
    <message>
        <source>Every candidate has a seat. To move one, tap their seat and choose &quot;Move…&quot;.</source>
        <translation>每位考生都已有座位。要调换某位考生，请点击其座位并选择“调座…”。</translation>
    </message>
    <message>
        <source>Why by hand (e.g. added by the organisation at 08:40)</source>
        <translation>手动分配的原因（例如：评价组织 08:40 补报）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Assign the seat</source>
        <translation>分配座位</translation>
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
    <message>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Photo…</source>
        <translation>照片…</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>On file</source>
        <translation>已登记</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Registered photo of %1 %2</source>
        <translation>%1 %2 的登记照片</translation>
    </message>
    <message>
        <source>Replace a wrong photo (a group photo, someone else&apos;s) with the organisation&apos;s file, or remove it so a proctor checks this candidate by hand. The reason is recorded with your name in the site log.</source>
        <translation>用评价组织提供的文件替换错误的照片（合影、他人照片），或删除照片，由监考人员人工核验该考生。原因将连同您的姓名记入考点日志。</translation>
    </message>
    <message>
        <source>The new photo (JPEG or PNG)</source>
        <translation>新照片（JPEG 或 PNG）</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Reason (for example the organisation&apos;s notice of 08:40)</source>
        <translation>原因（例如：评价组织 08:40 的通知）</translation>
    </message>
    <message>
        <source>Remove photo</source>
        <translation>删除照片</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Replace photo</source>
        <translation>替换照片</translation>
    </message>
    <message>
        <source>Choose the new photo</source>
        <translation>选择新照片</translation>
    </message>
    <message>
        <source>Photos (*.jpg *.jpeg *.png)</source>
        <translation>照片 (*.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>CheckInScreen</name>
    <message>
        <source>Skills assessment · identity check</source>
        <translation>职业技能等级考核 · 身份核验</translation>
    </message>
    <message>
        <source>Site server unreachable, reconnecting… Your check-in will be saved as soon as it is back.</source>
        <translation>考点服务器无法连接，正在重新连接… 连接恢复后将立即保存您的签到。</translation>
    </message>
    <message>
        <source>Site server unreachable, reconnecting…</source>
        <translation>考点服务器无法连接，正在重新连接…</translation>
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
        <translation>摄像头 · %1 帧/秒</translation>
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
    <message>
        <source>The camera sends no picture. Please ask a proctor for help.</source>
        <translation>摄像头没有画面，请向监考老师求助。</translation>
    </message>
    <message>
        <source>The camera is not working. Please ask a proctor for help.</source>
        <translation>摄像头无法工作，请举手示意监考老师。</translation>
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
    <name>Error</name>
    <message>
        <source> or </source>
        <translation>或</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>quoted field starting on line %1 is never closed</source>
        <translation>从第 %1 行开始的带引号字段没有结束引号</translation>
    </message>
    <message>
        <source>a closing double quote; is the file truncated?</source>
        <translation>结束的双引号；文件是否不完整？</translation>
    </message>
    <message>
        <source>unexpected character &apos;%1&apos; after a closing quote</source>
        <translation>结束引号后出现多余字符“%1”</translation>
    </message>
    <message>
        <source>a delimiter or line end after a quoted field</source>
        <translation>带引号字段后紧跟分隔符或换行</translation>
    </message>
    <message>
        <source>18 characters: 17 digits and a check digit 0-9 or X</source>
        <translation>18 位：17 位数字加一位校验码（0-9 或 X）</translation>
    </message>
    <message>
        <source>15-digit first-generation ID numbers are no longer valid</source>
        <translation>15 位的第一代身份证号码已不再有效</translation>
    </message>
    <message>
        <source>has %1 characters</source>
        <translation>共 %1 位</translation>
    </message>
    <message>
        <source>character %1 is &apos;%2&apos;, not a digit</source>
        <translation>第 %1 位是“%2”，不是数字</translation>
    </message>
    <message>
        <source>last character is &apos;%1&apos;</source>
        <translation>最后一位是“%1”</translation>
    </message>
    <message>
        <source>region code %1 does not exist</source>
        <translation>地区代码 %1 不存在</translation>
    </message>
    <message>
        <source>a GB/T 2260 region code in the first 6 digits</source>
        <translation>前 6 位为 GB/T 2260 行政区划代码</translation>
    </message>
    <message>
        <source>birth date %1 is not a real date</source>
        <translation>出生日期 %1 不是有效日期</translation>
    </message>
    <message>
        <source>YYYYMMDD in digits 7-14, in the past</source>
        <translation>第 7-14 位为过去的日期（年月日 YYYYMMDD）</translation>
    </message>
    <message>
        <source>check digit is &apos;%1&apos;</source>
        <translation>校验码为“%1”</translation>
    </message>
    <message>
        <source>&apos;%1&apos; per GB 11643</source>
        <translation>按 GB 11643 应为“%1”</translation>
    </message>
    <message>
        <source>%1 needs a signed-in staff member (--as USER)</source>
        <translation>“%1”需要工作人员登录（--as 用户名）</translation>
    </message>
    <message>
        <source>%1 is for %2; %3 is a %4</source>
        <translation>“%1”仅限%2；%3 的角色是%4</translation>
    </message>
    <message>
        <source>%1: contains %2 at character %3 (expected one line of plain text)</source>
        <translation>%1：第 %3 个字符是 %2（应为单行纯文本）</translation>
    </message>
    <message>
        <source>%1: contains %2 at character %3 (expected plain text)</source>
        <translation>%1：第 %3 个字符是 %2（应为纯文本）</translation>
    </message>
    <message>
        <source>session %1 does not exist</source>
        <translation>场次 %1 不存在</translation>
    </message>
    <message>
        <source>an override is an admission by a proctor (admit)</source>
        <translation>人工放行须由监考员办理</translation>
    </message>
    <message>
        <source>late entry closed at %1: only a proctor admits now, with a reason</source>
        <translation>迟到入场已于 %1 截止：现在只能由监考员填写理由后放行</translation>
    </message>
    <message>
        <source>already checked in at %1 on terminal %2</source>
        <translation>已于 %1 在终端 %2 签到</translation>
    </message>
    <message>
        <source>no registered photo</source>
        <translation>没有登记照片</translation>
    </message>
    <message>
        <source>not a readable image</source>
        <translation>不是可读取的图片</translation>
    </message>
    <message>
        <source>%1: no such image file</source>
        <translation>%1：图片文件不存在</translation>
    </message>
    <message>
        <source>%1: not a readable image (%2)</source>
        <translation>%1：不是可读取的图片（%2）</translation>
    </message>
    <message>
        <source>good</source>
        <translation>良好</translation>
    </message>
    <message>
        <source>no face found</source>
        <translation>未检测到人脸</translation>
    </message>
    <message>
        <source>several faces</source>
        <translation>检测到多张人脸</translation>
    </message>
    <message>
        <source>face too small</source>
        <translation>人脸太小</translation>
    </message>
    <message>
        <source>face partly outside the picture or hidden</source>
        <translation>人脸部分超出画面或被遮挡</translation>
    </message>
    <message>
        <source>face blurred</source>
        <translation>人脸模糊</translation>
    </message>
    <message>
        <source>face too dark</source>
        <translation>人脸太暗</translation>
    </message>
    <message>
        <source>face too bright</source>
        <translation>人脸过亮</translation>
    </message>
    <message>
        <source>face turned away</source>
        <translation>人脸没有正对镜头</translation>
    </message>
    <message>
        <source>facial landmarks do not fit a frontal face (turned, covered or distorted)</source>
        <translation>面部特征点与正脸不符（转头、遮挡或变形）</translation>
    </message>
    <message>
        <source>stored tamper baseline: not a format-1 baseline with a 64x36 thumbnail</source>
        <translation>已存的防遮挡基准无效：不是带 64x36 缩略图的第 1 版格式</translation>
    </message>
    <message>
        <source>camera %1: %2</source>
        <translation>摄像头 %1：%2</translation>
    </message>
    <message>
        <source>camera %1: room %2 does not exist</source>
        <translation>摄像头 %1：考场 %2 不存在</translation>
    </message>
    <message>
        <source>camera %1: the name is taken</source>
        <translation>摄像头 %1：该名称已被使用</translation>
    </message>
    <message>
        <source>camera %1 does not exist (see &apos;examsite feeds list&apos;)</source>
        <translation>摄像头 %1 不存在（见 &apos;examsite feeds list&apos;）</translation>
    </message>
    <message>
        <source>session %1 has an unknown status &apos;%2&apos;</source>
        <translation>场次 %1 的状态“%2”无法识别</translation>
    </message>
    <message>
        <source>the session is %1: its log is frozen, watch without a session</source>
        <translation>该场次%1：其记录已冻结，请在不选场次的情况下查看监控</translation>
    </message>
    <message>
        <source>event %1 is not a feed alert</source>
        <translation>事件 %1 不是监控告警</translation>
    </message>
    <message>
        <source>alert %1 was acknowledged already</source>
        <translation>告警 %1 已被确认</translation>
    </message>
    <message>
        <source>feed event %1 has no snapshot (none was taken, or it was purged)</source>
        <translation>监控事件 %1 没有截图（未截图或已被清除）</translation>
    </message>
    <message>
        <source>this terminal cannot open camera streams</source>
        <translation>本终端无法打开摄像头视频流</translation>
    </message>
    <message>
        <source>no cameras to watch (&apos;examsite feeds add&apos;)</source>
        <translation>没有可查看的摄像头（&apos;examsite feeds add&apos;）</translation>
    </message>
    <message>
        <source>room %1 has no cameras to watch</source>
        <translation>考场 %1 没有可查看的摄像头</translation>
    </message>
    <message>
        <source>%1: the PDF could not be finished</source>
        <translation>%1：PDF 无法生成完成</translation>
    </message>
    <message>
        <source>%1: cannot write: %2</source>
        <translation>%1：无法写入：%2</translation>
    </message>
    <message>
        <source>session &apos;%1&apos; does not exist (see &apos;examsite sessions list&apos;)</source>
        <translation>场次“%1”不存在（见 &apos;examsite sessions list&apos;）</translation>
    </message>
    <message>
        <source>--format: &apos;%1&apos; (expected csv or pdf)</source>
        <translation>--format：“%1”（应为 csv 或 pdf）</translation>
    </message>
    <message>
        <source>tasks: %1 characters (at most %2)</source>
        <translation>考核项目：%1 个字符（最多 %2 个）</translation>
    </message>
    <message>
        <source>tasks: more than %1 tasks</source>
        <translation>考核项目：超过 %1 项</translation>
    </message>
    <message>
        <source>tasks: %1 (expected 1 to 50)</source>
        <translation>考核项目：%1 项（应为 1 到 50 项）</translation>
    </message>
    <message>
        <source>task %1: name &apos;%2&apos; (expected 1-60 characters, no comma or line break)</source>
        <translation>第 %1 项：名称“%2”（应为 1-60 个字符，不含逗号或换行）</translation>
    </message>
    <message>
        <source>task %1: &apos;%2&apos; appears twice</source>
        <translation>第 %1 项：“%2”重复出现</translation>
    </message>
    <message>
        <source>task %1: maximum points %2 (expected more than 0, at most 1000)</source>
        <translation>第 %1 项：满分 %2（应大于 0 且不超过 1000）</translation>
    </message>
    <message>
        <source>task %1: pass mark %2 (expected 0 to its maximum of %3)</source>
        <translation>第 %1 项：合格分 %2（应在 0 到该项满分 %3 之间）</translation>
    </message>
    <message>
        <source>pass mark %1 (expected 0 to the total of %2)</source>
        <translation>合格分 %1（应在 0 到总分 %2 之间）</translation>
    </message>
    <message>
        <source>session %1 already has scores; its sheet can no longer change</source>
        <translation>场次 %1 已有成绩，评分表不能再修改</translation>
    </message>
    <message>
        <source>task &apos;%1&apos; is not on the scoring sheet of session %2</source>
        <translation>考核项目“%1”不在场次 %2 的评分表中</translation>
    </message>
    <message>
        <source>%1 points for &apos;%2&apos; (expected 0 to %3)</source>
        <translation>“%2”得 %1 分（应在 0 到 %3 之间）</translation>
    </message>
    <message>
        <source>ticket &apos;%1&apos; has not checked in to session %2, so cannot be scored</source>
        <translation>准考证号“%1”未在场次 %2 签到，不能评分</translation>
    </message>
    <message>
        <source>%1 has signed their sheet for session %2; it can no longer change</source>
        <translation>%1 已签署场次 %2 的评分表，不能再修改</translation>
    </message>
    <message>
        <source>%1 &apos;%2&apos; is covered by the signed sheet of %3; only a correction they sign (&apos;examsite score correct&apos;) changes it</source>
        <translation>%1 的“%2”已包含在 %3 签署的评分表中；只能由其签署更正（&apos;examsite score correct&apos;）来修改</translation>
    </message>
    <message>
        <source>%1 &apos;%2&apos; was resolved by the site administrator; it can no longer change</source>
        <translation>%1 的“%2”已由考点管理员裁定，不能再修改</translation>
    </message>
    <message>
        <source>--reason: say how the discrepancy was resolved</source>
        <translation>原因：请说明分歧是如何解决的</translation>
    </message>
    <message>
        <source>%1 &apos;%2&apos; has no open discrepancy in session %3</source>
        <translation>场次 %3 中 %1 的“%2”没有待解决的评分分歧</translation>
    </message>
    <message>
        <source>%1 has entered no scores in session %2; nothing to sign</source>
        <translation>%1 在场次 %2 中尚未录入成绩，无可签署内容</translation>
    </message>
    <message>
        <source>%1 has already signed the sheet of session %2</source>
        <translation>%1 已签署场次 %2 的评分表</translation>
    </message>
    <message>
        <source>this evaluator key belongs to %1; %2 signs with their own</source>
        <translation>此考评员密钥属于 %1；%2 须使用自己的密钥签署</translation>
    </message>
    <message>
        <source>--reason: one line saying why the points change</source>
        <translation>原因：请用一行说明改分原因</translation>
    </message>
    <message>
        <source>%1 has no signed entry for %2 &apos;%3&apos; in session %4; unsigned entries change with &apos;score enter&apos;</source>
        <translation>%1 在场次 %4 中没有 %2 的“%3”的已签署成绩；未签署的成绩用 &apos;score enter&apos; 修改</translation>
    </message>
    <message>
        <source>a correction is signed with the key that signed the sheet (%1)</source>
        <translation>更正须使用签署评分表的密钥（%1）签署</translation>
    </message>
    <message>
        <source>--reason: say what the misconduct was</source>
        <translation>原因：请说明违纪行为</translation>
    </message>
    <message>
        <source>--reason: %1 characters (at most 500)</source>
        <translation>原因：%1 个字符（最多 500 个）</translation>
    </message>
    <message>
        <source>ticket &apos;%1&apos; has not checked in to session %2, so has no result to void</source>
        <translation>准考证号“%1”未在场次 %2 签到，没有可作废的成绩</translation>
    </message>
    <message>
        <source>incident %1 is not one of session %2 (see &apos;examsite incident list&apos;)</source>
        <translation>事件 %1 不属于场次 %2（见 &apos;examsite incident list&apos;）</translation>
    </message>
    <message>
        <source>incident %1 is about %2, not %3</source>
        <translation>事件 %1 涉及的是 %2，不是 %3</translation>
    </message>
    <message>
        <source>the result of %1 was voided already (incident %2)</source>
        <translation>%1 的成绩已作废（事件 %2）</translation>
    </message>
    <message>
        <source>ticket &apos;%1&apos; is not registered for this session</source>
        <translation>准考证号“%1”未报名本场次</translation>
    </message>
    <message>
        <source>the session is %1: its record can no longer change; add a signed addendum instead (&apos;examsite addendum add&apos;)</source>
        <translation>该场次%1：记录不能再修改，请改为添加签署的补充说明（&apos;examsite addendum add&apos;）</translation>
    </message>
    <message>
        <source>--reason: say why the close was a mistake</source>
        <translation>原因：请说明为什么结束场次是误操作</translation>
    </message>
    <message>
        <source>session &apos;%1&apos; is %2; only a closed session (not yet sealed) can be reopened</source>
        <translation>场次“%1”当前为“%2”；只有已结束（尚未封存）的场次才能重新开启</translation>
    </message>
    <message>
        <source>a session becomes %1 only by &apos;examsite seal&apos;</source>
        <translation>场次只能通过 &apos;examsite seal&apos; 变为“%1”</translation>
    </message>
    <message>
        <source>a session becomes %1 only by uploading its bundle (&apos;examsite upload run&apos;)</source>
        <translation>场次只能通过上传数据包（&apos;examsite upload run&apos;）变为“%1”</translation>
    </message>
    <message>
        <source>session &apos;%1&apos; is %2; it cannot become %3 (next: %4)</source>
        <translation>场次“%1”当前为“%2”，不能变为“%3”（下一步：%4）</translation>
    </message>
    <message>
        <source>session &apos;%1&apos; is %2; it cannot become %3 (next: none)</source>
        <translation>场次“%1”当前为“%2”，不能变为“%3”（没有下一步）</translation>
    </message>
    <message>
        <source>session &apos;%1&apos; is %2; it cannot become %3 (next: seal addendum: %4 addendum(s) since its bundle, &apos;examsite seal --addendum --session %1&apos;)</source>
        <translation>场次“%1”当前为“%2”，不能变为“%3”（下一步：封存补充说明包：自上次封存以来有 %4 条补充说明，“examsite seal --addendum --session %1”）</translation>
    </message>
    <message>
        <source>session &apos;%1&apos; is %2; it cannot become %3 (next: none; a correction is a signed addendum, &apos;examsite addendum add&apos;, then &apos;examsite seal --addendum&apos;)</source>
        <translation>场次“%1”当前为“%2”，不能变为“%3”（没有下一步；更正请先添加签名的补充说明“examsite addendum add”，再用“examsite seal --addendum”封存）</translation>
    </message>
    <message>
        <source>--reason: closing session &apos;%1&apos; before the late-entry cutoff (%2) needs a reason</source>
        <translation>原因：在迟到截止时间（%2）之前结束场次“%1”需要填写理由</translation>
    </message>
    <message>
        <source>--reason: closing session &apos;%1&apos; before its scheduled end (%2) needs a reason</source>
        <translation>原因：在预定结束时间（%2）之前结束场次“%1”需要填写理由</translation>
    </message>
    <message>
        <source>attendance &apos;%1&apos; (expected present, late, left_early, re_entered or absent)</source>
        <translation>考勤状态“%1”无效（应为到场、迟到、提前离场、重新入场或缺考）</translation>
    </message>
    <message>
        <source>--reason: say why %1 is %2</source>
        <translation>原因：请说明 %1 为什么是“%2”</translation>
    </message>
    <message>
        <source>%1 never checked in, so cannot have left early</source>
        <translation>%1 从未签到，不能记为提前离场</translation>
    </message>
    <message>
        <source>%1 never checked in, so cannot have re-entered</source>
        <translation>%1 从未签到，不能记为重新入场</translation>
    </message>
    <message>
        <source>training figures: whole numbers with 0 &lt;= members of the public &lt;= trained (got %1 and %2)</source>
        <translation>培训人数：应为整数，且 0 ≤ 社会人员数 ≤ 培训人数（实际为 %1 和 %2）</translation>
    </message>
    <message>
        <source>category &apos;%1&apos; (expected one of %2)</source>
        <translation>类别“%1”无效（应为以下之一：%2）</translation>
    </message>
    <message>
        <source>severity &apos;%1&apos; for misconduct (expected minor, major or severe)</source>
        <translation>违纪程度“%1”无效（应为轻微、较重或严重）</translation>
    </message>
    <message>
        <source>severity &apos;%1&apos; (expected minor, major or severe)</source>
        <translation>严重程度“%1”无效（应为轻微、较重或严重）</translation>
    </message>
    <message>
        <source>description: contains %1 at character %2 (expected plain text)</source>
        <translation>描述：第 %2 个字符是 %1（应为纯文本）</translation>
    </message>
    <message>
        <source>description: say what happened</source>
        <translation>描述：请说明发生了什么</translation>
    </message>
    <message>
        <source>description: %1 characters (at most 4000)</source>
        <translation>描述：%1 个字符（最多 4000 个）</translation>
    </message>
    <message>
        <source>ticket: a candidate incident names the candidate</source>
        <translation>准考证号：考生类事件须注明考生</translation>
    </message>
    <message>
        <source>evidence: not a readable image</source>
        <translation>证据：不是可读取的图片</translation>
    </message>
    <message>
        <source>room &apos;%1&apos; is not used by session %2</source>
        <translation>场次 %2 未使用考场“%1”</translation>
    </message>
    <message>
        <source>witness &apos;%1&apos; is not an active staff account</source>
        <translation>见证人“%1”不是在用的工作人员账号</translation>
    </message>
    <message>
        <source>the witness must be someone other than the reporter</source>
        <translation>见证人不能是报告人本人</translation>
    </message>
    <message>
        <source>the amendment needs 1 to 4000 characters of text</source>
        <translation>补充内容须为 1 到 4000 个字符</translation>
    </message>
    <message>
        <source>incident %1 does not exist</source>
        <translation>事件 %1 不存在</translation>
    </message>
    <message>
        <source>the addendum needs 1 to 8000 characters of text</source>
        <translation>补充说明须为 1 到 8000 个字符</translation>
    </message>
    <message>
        <source>session &apos;%1&apos; does not exist</source>
        <translation>场次“%1”不存在</translation>
    </message>
    <message>
        <source>ticket</source>
        <translation>准考证号</translation>
    </message>
    <message>
        <source>name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>id_number</source>
        <translation>身份证号</translation>
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
        <source>certificate</source>
        <translation>证书</translation>
    </message>
    <message>
        <source>level</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>needs</source>
        <translation>无障碍需求</translation>
    </message>
    <message>
        <source>workstation</source>
        <translation>工位类型</translation>
    </message>
    <message>
        <source>missing value</source>
        <translation>未填写</translation>
    </message>
    <message>
        <source>%1 characters long</source>
        <translation>长度为 %1 个字符</translation>
    </message>
    <message>
        <source>at most %1 characters</source>
        <translation>最多 %1 个字符</translation>
    </message>
    <message>
        <source>contains %1 at character %2</source>
        <translation>第 %2 个字符是 %1</translation>
    </message>
    <message>
        <source>one line of plain text</source>
        <translation>单行纯文本</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a ticket number</source>
        <translation>“%1”不是准考证号</translation>
    </message>
    <message>
        <source>4-32 letters, digits or &apos;-&apos;</source>
        <translation>4-32 个字母、数字或“-”</translation>
    </message>
    <message>
        <source>duplicate ticket %1 (also on line %2)</source>
        <translation>准考证号 %1 重复（第 %2 行也有）</translation>
    </message>
    <message>
        <source>each ticket once</source>
        <translation>每个准考证号只出现一次</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: %2</source>
        <translation>“%1”：%2</translation>
    </message>
    <message>
        <source>duplicate ID number %1 (also on line %2)</source>
        <translation>身份证号 %1 重复（第 %2 行也有）</translation>
    </message>
    <message>
        <source>each person once</source>
        <translation>每人只出现一次</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a gender</source>
        <translation>“%1”不是有效的性别</translation>
    </message>
    <message>
        <source>男 or 女 (M/F)</source>
        <translation>男或女（M/F）</translation>
    </message>
    <message>
        <source>&apos;%1&apos; does not match the ID number, whose 17th digit says %2</source>
        <translation>“%1”与身份证号不符，其第 17 位表示%2</translation>
    </message>
    <message>
        <source>the gender on the ID card</source>
        <translation>身份证上的性别</translation>
    </message>
    <message>
        <source>unknown level &apos;%1&apos;</source>
        <translation>无法识别的等级“%1”</translation>
    </message>
    <message>
        <source>初级, 中级 or 高级</source>
        <translation>初级、中级或高级</translation>
    </message>
    <message>
        <source>level %1 does not match session %2</source>
        <translation>等级 %1 与场次 %2 不符</translation>
    </message>
    <message>
        <source>&apos;%1&apos; does not match session %2</source>
        <translation>“%1”与场次 %2 不符</translation>
    </message>
    <message>
        <source>unknown need &apos;%1&apos;</source>
        <translation>无法识别的需求“%1”</translation>
    </message>
    <message>
        <source>无障碍 (accessible)</source>
        <translation>无障碍（accessible）</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a workstation type</source>
        <translation>“%1”不是工位类型</translation>
    </message>
    <message>
        <source>a lowercase word such as pc or robot</source>
        <translation>小写英文单词，如 pc 或 robot</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is outside the roster&apos;s folder</source>
        <translation>“%1”不在名单所在文件夹内</translation>
    </message>
    <message>
        <source>a path relative to the roster&apos;s folder, inside it</source>
        <translation>相对于名单所在文件夹、且位于其中的路径</translation>
    </message>
    <message>
        <source>file not found &apos;%1&apos;</source>
        <translation>找不到文件“%1”</translation>
    </message>
    <message>
        <source>an image file, relative to the roster&apos;s folder</source>
        <translation>图片文件，路径相对于名单所在文件夹</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a file of at most 10 MB</source>
        <translation>“%1”不是不超过 10 MB 的文件</translation>
    </message>
    <message>
        <source>a photo: JPEG, PNG, WebP, BMP or GIF</source>
        <translation>照片：JPEG、PNG、WebP、BMP 或 GIF</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a readable image</source>
        <translation>“%1”不是可读取的图片</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is a %2 image</source>
        <translation>“%1”是 %2 格式的图片</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is %2x%3 pixels</source>
        <translation>“%1”为 %2x%3 像素</translation>
    </message>
    <message>
        <source>at most %1 megapixels</source>
        <translation>最多 %1 百万像素</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is only %2x%3 pixels</source>
        <translation>“%1”只有 %2x%3 像素</translation>
    </message>
    <message>
        <source>at least 64x64 pixels</source>
        <translation>至少 64x64 像素</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is cut off (no JPEG end marker)</source>
        <translation>“%1”不完整（缺少 JPEG 结束标记）</translation>
    </message>
    <message>
        <source>a complete photo: JPEG, PNG, WebP, BMP or GIF</source>
        <translation>完整的照片：JPEG、PNG、WebP、BMP 或 GIF</translation>
    </message>
    <message>
        <source>&apos;%1&apos; cannot be decoded: %2</source>
        <translation>“%1”无法解码：%2</translation>
    </message>
    <message>
        <source>no candidates in the file</source>
        <translation>文件中没有考生</translation>
    </message>
    <message>
        <source>one row per candidate below the header</source>
        <translation>表头下每位考生一行</translation>
    </message>
    <message>
        <source>session %1 is %2; its roster can no longer change</source>
        <translation>场次 %1 当前为“%2”，名单不能再修改</translation>
    </message>
    <message>
        <source>a planned session or one open for check-in</source>
        <translation>计划中或正在签到的场次</translation>
    </message>
    <message>
        <source>ticket %1 already belongs to ID number %2</source>
        <translation>准考证号 %1 已属于身份证号 %2</translation>
    </message>
    <message>
        <source>the same person as in earlier imports</source>
        <translation>与之前导入的为同一人</translation>
    </message>
    <message>
        <source>ID number %1 is already registered under ticket %2</source>
        <translation>身份证号 %1 已登记在准考证号 %2 下</translation>
    </message>
    <message>
        <source>one ticket per person</source>
        <translation>每人一个准考证号</translation>
    </message>
    <message>
        <source>%1: cannot read photo: %2</source>
        <translation>%1：无法读取照片：%2</translation>
    </message>
    <message>
        <source>a column headed %1 or %2</source>
        <translation>表头为“%1”或“%2”的一列</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>文件为空</translation>
    </message>
    <message>
        <source>a header line and one row per candidate</source>
        <translation>一行表头，之后每位考生一行</translation>
    </message>
    <message>
        <source>column appears twice (also column %1)</source>
        <translation>该列重复出现（第 %1 列也是）</translation>
    </message>
    <message>
        <source>each column once</source>
        <translation>每列只出现一次</translation>
    </message>
    <message>
        <source>column missing</source>
        <translation>缺少该列</translation>
    </message>
    <message>
        <source>row has %1 fields</source>
        <translation>该行有 %1 个字段</translation>
    </message>
    <message>
        <source>%1 fields, as in the header</source>
        <translation>与表头相同的 %1 个字段</translation>
    </message>
    <message>
        <source>null</source>
        <translation>空值（null）</translation>
    </message>
    <message>
        <source>a boolean</source>
        <translation>布尔值</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>字符串</translation>
    </message>
    <message>
        <source>an array</source>
        <translation>数组</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>undefined</source>
        <translation>未定义</translation>
    </message>
    <message>
        <source>invalid JSON: %1</source>
        <translation>JSON 格式错误：%1</translation>
    </message>
    <message>
        <source>a JSON object with a &quot;candidates&quot; array, or an array of candidate objects</source>
        <translation>含 &quot;candidates&quot; 数组的 JSON 对象，或考生对象组成的数组</translation>
    </message>
    <message>
        <source>key &quot;%1&quot; appears twice in one object</source>
        <translation>同一对象中键 &quot;%1&quot; 出现两次</translation>
    </message>
    <message>
        <source>each key once per object</source>
        <translation>每个对象中每个键只出现一次</translation>
    </message>
    <message>
        <source>no candidates array</source>
        <translation>没有 candidates 数组</translation>
    </message>
    <message>
        <source>candidate %1 is %2</source>
        <translation>第 %1 个考生是%2</translation>
    </message>
    <message>
        <source>an object with the fields of docs/roster-format.md</source>
        <translation>包含 docs/roster-format.md 所列字段的对象</translation>
    </message>
    <message>
        <source>value is %1</source>
        <translation>值是%1</translation>
    </message>
    <message>
        <source>unknown roster format &apos;%1&apos;</source>
        <translation>无法识别的名单格式“%1”</translation>
    </message>
    <message>
        <source>csv or json</source>
        <translation>csv 或 json</translation>
    </message>
    <message>
        <source>invalid UTF-8 byte</source>
        <translation>无效的 UTF-8 字节</translation>
    </message>
    <message>
        <source>JSON in UTF-8</source>
        <translation>UTF-8 编码的 JSON</translation>
    </message>
    <message>
        <source>CSV text saved as UTF-8 or GB18030</source>
        <translation>以 UTF-8 或 GB18030 编码保存的 CSV 文本</translation>
    </message>
    <message>
        <source>file not found</source>
        <translation>找不到文件</translation>
    </message>
    <message>
        <source>a roster file (.csv or .json)</source>
        <translation>名单文件（.csv 或 .json）</translation>
    </message>
    <message>
        <source>is a folder</source>
        <translation>是文件夹</translation>
    </message>
    <message>
        <source>file is %1 MB</source>
        <translation>文件大小为 %1 MB</translation>
    </message>
    <message>
        <source>at most %1 MB</source>
        <translation>最多 %1 MB</translation>
    </message>
    <message>
        <source>cannot read: %1</source>
        <translation>无法读取：%1</translation>
    </message>
    <message>
        <source>a readable file</source>
        <translation>可读取的文件</translation>
    </message>
    <message>
        <source>read error: %1</source>
        <translation>读取错误：%1</translation>
    </message>
    <message>
        <source>UTF-16 text of an odd number of bytes: its last character is cut off</source>
        <translation>UTF-16 文本的字节数为奇数：最后一个字符不完整</translation>
    </message>
    <message>
        <source>invalid UTF-16 text</source>
        <translation>无效的 UTF-16 文本</translation>
    </message>
    <message>
        <source>contains a NUL byte: this is a binary file (e.g. .xlsx), not CSV text</source>
        <translation>含有 NUL 字节：这是二进制文件（如 .xlsx），不是 CSV 文本</translation>
    </message>
    <message>
        <source>invalid UTF-8 byte 0x%1</source>
        <translation>无效的 UTF-8 字节 0x%1</translation>
    </message>
    <message>
        <source>invalid UTF-8 byte 0x%1 (and not GB18030 text either)</source>
        <translation>无效的 UTF-8 字节 0x%1（也不是 GB18030 文本）</translation>
    </message>
    <message>
        <source>neither UTF-8 nor GB18030 text (bad byte at offset %1)</source>
        <translation>既不是 UTF-8 也不是 GB18030 文本（偏移 %1 处字节无效）</translation>
    </message>
    <message>
        <source>invalid GB18030 byte sequence at offset %1</source>
        <translation>偏移 %1 处的 GB18030 字节序列无效</translation>
    </message>
    <message>
        <source>--room: session %1 does not use room &apos;%2&apos;</source>
        <translation>--room：场次 %1 未使用考场“%2”</translation>
    </message>
    <message>
        <source>--public-value: expected the value drawn or published at session start (1-200 characters)</source>
        <translation>--public-value：应为场次开始时抽取或公布的值（1-200 个字符）</translation>
    </message>
    <message>
        <source>session %1 already has seats allocated (allocation %2 of %3); pass --replace to allocate again before check-in starts, or use &apos;examsite seat fail&apos; to move single candidates</source>
        <translation>场次 %1 已分配座位（%3 的第 %2 次分配）；签到开始前可加 --replace 重新分配，或用 &apos;examsite seat fail&apos; 调整个别考生</translation>
    </message>
    <message>
        <source>session %1: no commitment of the allocation input since allocation %2; run &apos;examsite seat commit&apos;, publish the hash, then draw the public value</source>
        <translation>场次 %1：第 %2 次分配之后尚未承诺分配输入；请运行 &apos;examsite seat commit&apos;，公布哈希值，然后抽取公开值</translation>
    </message>
    <message>
        <source>session %1: no commitment of the allocation input yet; run &apos;examsite seat commit&apos;, publish the hash, then draw the public value</source>
        <translation>场次 %1：尚未承诺分配输入；请运行 &apos;examsite seat commit&apos;，公布哈希值，然后抽取公开值</translation>
    </message>
    <message>
        <source>session %1: the roster, the rooms or the grouping changed since the commitment of event %2 (committed %3 by %4, now %5 by %6); run &apos;examsite seat commit&apos; again and draw a new public value</source>
        <translation>场次 %1：自事件 %2 的承诺以来，名单、考场或分组已改变（承诺时为 %3（按 %4），现在为 %5（按 %6））；请重新运行 &apos;examsite seat commit&apos; 并抽取新的公开值</translation>
    </message>
    <message>
        <source>session %1 has no seat allocation to verify</source>
        <translation>场次 %1 没有可核验的座位分配</translation>
    </message>
    <message>
        <source>workstation type &apos;%1&apos; (expected a lowercase name such as pc or robot)</source>
        <translation>工位类型“%1”无效（应为小写名称，如 pc 或 robot）</translation>
    </message>
    <message>
        <source>room &apos;%1&apos; does not exist</source>
        <translation>考场“%1”不存在</translation>
    </message>
    <message>
        <source>--reason: say why the seat is out of service (e.g. &apos;PC does not boot&apos;)</source>
        <translation>原因：请说明座位停用的原因（如“电脑无法开机”）</translation>
    </message>
    <message>
        <source>--seat: [%1,%2] is outside room %3 (rows 0-%4, columns 0-%5, 0-based)</source>
        <translation>--seat：[%1,%2] 超出考场 %3 的范围（行 0-%4，列 0-%5，从 0 起算）</translation>
    </message>
    <message>
        <source>no seat with workstation &apos;%1&apos; that is accessible can be freed for %2 in session %3 (short by 1 seat); add a room with &apos;examsite rooms add --session %3&apos; and try again</source>
        <translation>场次 %3 中没有可为 %2 腾出的“%1”类型无障碍座位（缺 1 个座位）；请用 &apos;examsite rooms add --session %3&apos; 增加考场后重试</translation>
    </message>
    <message>
        <source>no seat with workstation &apos;%1&apos; can be freed for %2 in session %3 (short by 1 seat); add a room with &apos;examsite rooms add --session %3&apos; and try again</source>
        <translation>场次 %3 中没有可为 %2 腾出的“%1”类型座位（缺 1 个座位）；请用 &apos;examsite rooms add --session %3&apos; 增加考场后重试</translation>
    </message>
    <message>
        <source>session %1 is %2: its seats can no longer change (corrections are signed addenda)</source>
        <translation>场次 %1 当前为“%2”：座位不能再修改（更正须通过签署的补充说明）</translation>
    </message>
    <message>
        <source>--reason: say why the seat can be used again (e.g. &apos;PC replaced&apos;)</source>
        <translation>原因：请说明座位可以恢复使用的原因（如“电脑已更换”）</translation>
    </message>
    <message>
        <source>libsodium cannot be initialised</source>
        <translation>libsodium 无法初始化</translation>
    </message>
    <message>
        <source>%1: the site signing key is damaged</source>
        <translation>%1：考点签名密钥已损坏</translation>
    </message>
    <message>
        <source>cannot encode %1 characters as a QR code</source>
        <translation>无法将 %1 个字符编码为二维码</translation>
    </message>
    <message>
        <source>the QR decoder (zbar) cannot be created</source>
        <translation>无法创建二维码解码器（zbar）</translation>
    </message>
    <message>
        <source>the copy&apos;s target is the site&apos;s own store</source>
        <translation>复制的目标就是本考点自己的数据库</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1: another site key is already there; the copy needs this site&apos;s key (%2): move the other one away or set EXAMSITE_SITE_KEY</source>
        <translation>%1：已存在另一个考点密钥；复制需要本考点的密钥（%2）：请移走另一个密钥或设置 EXAMSITE_SITE_KEY</translation>
    </message>
    <message>
        <source>username &apos;%1&apos; is not valid (expected 2-32 lowercase letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;, starting with a letter)</source>
        <translation>用户名“%1”无效（应为 2-32 个小写字母、数字、“.”、“_”或“-”，以字母开头）</translation>
    </message>
    <message>
        <source>password for &apos;%1&apos; is too short (expected at least 8 characters)</source>
        <translation>“%1”的密码太短（至少 8 个字符）</translation>
    </message>
    <message>
        <source>--as ADMIN: the first account of a site is its site administrator, who then adds the others</source>
        <translation>--as ADMIN：考点的第一个账号是考点管理员，再由其添加其他账号</translation>
    </message>
    <message>
        <source>the site has staff accounts already: a site administrator adds more (staff add --as ADMIN)</source>
        <translation>考点已有工作人员账号：须由考点管理员添加（staff add --as ADMIN）</translation>
    </message>
    <message>
        <source>display name: %1 characters (at most 64)</source>
        <translation>显示名称：%1 个字符（最多 64 个）</translation>
    </message>
    <message>
        <source>staff username &apos;%1&apos; already exists</source>
        <translation>工作人员用户名“%1”已存在</translation>
    </message>
    <message>
        <source>libsodium failed to initialise</source>
        <translation>libsodium 初始化失败</translation>
    </message>
    <message>
        <source>out of memory while hashing the password</source>
        <translation>计算密码哈希时内存不足</translation>
    </message>
    <message>
        <source>no staff account &apos;%1&apos; (see staff list --all)</source>
        <translation>没有工作人员账号“%1”（见 staff list --all）</translation>
    </message>
    <message>
        <source>%1 is deactivated already</source>
        <translation>%1 已被停用</translation>
    </message>
    <message>
        <source>%1 cannot deactivate their own account (another site administrator can)</source>
        <translation>%1 不能停用自己的账号（可由其他考点管理员停用）</translation>
    </message>
    <message>
        <source>%1 is active already</source>
        <translation>%1 已处于启用状态</translation>
    </message>
    <message>
        <source>%1 is not locked</source>
        <translation>%1 未被锁定</translation>
    </message>
    <message>
        <source>event %1: session %2 does not exist</source>
        <translation>事件 %1：场次 %2 不存在</translation>
    </message>
    <message>
        <source>%1: ledger state of log %2 is damaged (frontier does not match the size); run &apos;examsite ledger check&apos;</source>
        <translation>%1：日志 %2 的账本状态已损坏（前沿与大小不符）；请运行 &apos;examsite ledger check&apos;</translation>
    </message>
    <message>
        <source>%1: &apos;%2&apos; is not valid (expected %3)</source>
        <translation>%1：“%2”无效（应为 %3）</translation>
    </message>
    <message>
        <source>%1: no site set up yet (run &apos;examsite init&apos; first)</source>
        <translation>%1：尚未设置考点（请先运行 &apos;examsite init&apos;）</translation>
    </message>
    <message>
        <source>session %1 already exists</source>
        <translation>场次 %1 已存在</translation>
    </message>
    <message>
        <source>the session is %1: candidates are checked in and admitted only while check-in is open or the exam is in progress</source>
        <translation>该场次%1：只有在签到进行中或考试进行中才能签到和放行考生</translation>
    </message>
    <message>
        <source>Argon2id key derivation failed (out of memory?)</source>
        <translation>Argon2id 密钥派生失败（内存不足？）</translation>
    </message>
    <message>
        <source>%1: wrong passphrase (or the key file was altered)</source>
        <translation>%1：口令错误（或密钥文件已被改动）</translation>
    </message>
    <message>
        <source>%1: cannot read the key file: %2</source>
        <translation>%1：无法读取密钥文件：%2</translation>
    </message>
    <message>
        <source>%1: holds a %2 key, not a %3 key</source>
        <translation>%1：这是%2密钥，不是%3密钥</translation>
    </message>
    <message>
        <source>--role: &apos;%1&apos; is not a role (expected terminal, supervisor, evaluator or organisation)</source>
        <translation>--role：“%1”不是有效的角色（应为 terminal、supervisor、evaluator 或 organisation）</translation>
    </message>
    <message>
        <source>the passphrase must have at least 8 characters</source>
        <translation>口令至少需要 8 个字符</translation>
    </message>
    <message>
        <source>%1: a %2 key exists already (use --force to replace it)</source>
        <translation>%1：已存在 %2 密钥（使用 --force 替换）</translation>
    </message>
    <message>
        <source>the passphrases do not match</source>
        <translation>两次输入的口令不一致</translation>
    </message>
    <message>
        <source>no passphrase for the %1 key: set EXAMSITE_PASSPHRASE (or EXAMSITE_PASSPHRASE_%2) or run on a terminal</source>
        <translation>没有 %1 密钥的口令：请设置 EXAMSITE_PASSPHRASE（或 EXAMSITE_PASSPHRASE_%2），或在终端中运行</translation>
    </message>
    <message>
        <source>terminal</source>
        <translation>终端</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>监考</translation>
    </message>
    <message>
        <source>evaluator</source>
        <translation>考评员</translation>
    </message>
    <message>
        <source>organisation</source>
        <translation>评价组织</translation>
    </message>
    <message>
        <source>escape</source>
        <translation>转义符</translation>
    </message>
    <message>
        <source>bell</source>
        <translation>响铃符</translation>
    </message>
    <message>
        <source>carriage return</source>
        <translation>回车符</translation>
    </message>
    <message>
        <source>line feed</source>
        <translation>换行符</translation>
    </message>
    <message>
        <source>tab</source>
        <translation>制表符</translation>
    </message>
    <message>
        <source>next line</source>
        <translation>下一行符</translation>
    </message>
    <message>
        <source>line or paragraph separator</source>
        <translation>行或段落分隔符</translation>
    </message>
    <message>
        <source>bidirectional override</source>
        <translation>双向文字覆盖符</translation>
    </message>
    <message>
        <source>bidirectional isolate</source>
        <translation>双向文字隔离符</translation>
    </message>
    <message>
        <source>unpaired surrogate</source>
        <translation>不成对的代理字符</translation>
    </message>
    <message>
        <source>control character</source>
        <translation>控制字符</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>--reason</source>
        <translation>--reason（理由）</translation>
    </message>
    <message>
        <source>addendum</source>
        <translation>补充说明</translation>
    </message>
    <message>
        <source>amendment</source>
        <translation>补充内容</translation>
    </message>
    <message>
        <source>display name</source>
        <translation>显示名称</translation>
    </message>
    <message>
        <source>row %1, column %2</source>
        <translation>第 %1 排第 %2 列</translation>
    </message>
    <message>
        <source>seat %1 is outside room %2 (0-based)</source>
        <translation>座位（%1）超出考场 %2 的范围</translation>
    </message>
    <message>
        <source>room %1 seat %2 is outside its %3 x %4 grid (0-based)</source>
        <translation>考场 %1 的座位（%2）超出其 %3 排 x %4 列的座位网格</translation>
    </message>
    <message>
        <source>room %1 seat %2 is allocated to %3 in session %4; take it out of service instead, which moves the candidate</source>
        <translation>考场 %1 的座位（%2）在场次 %4 中已分配给 %3；请改为将该座位停用，系统会为考生调换座位</translation>
    </message>
    <message>
        <source>room %1 seat %2 is already out of service in session %3</source>
        <translation>考场 %1 的座位（%2）在场次 %3 中已停用</translation>
    </message>
    <message>
        <source>room %1 seat %2 is disabled in the room layout; nobody sits there</source>
        <translation>考场 %1 的座位（%2）在考场布局中已禁用，不安排考生</translation>
    </message>
    <message>
        <source>room %1 seat %2 is not out of service in session %3</source>
        <translation>考场 %1 的座位（%2）在场次 %3 中未停用</translation>
    </message>
    <message>
        <source>%1 model not found: %2 (run &apos;packaging/examsite.sh setup&apos; or set [models] in the configuration)</source>
        <translation>找不到%1模型：%2（请运行 &apos;packaging/examsite.sh setup&apos;，或在配置文件的 [models] 中设置）</translation>
    </message>
    <message>
        <source>%1 model %2 cannot be loaded: %3</source>
        <translation>%1模型 %2 无法加载：%3</translation>
    </message>
    <message>
        <source>detector model not found: %1</source>
        <translation>找不到人脸检测模型：%1</translation>
    </message>
    <message>
        <source>detector</source>
        <translation>人脸检测</translation>
    </message>
    <message>
        <source>landmark</source>
        <translation>面部特征点</translation>
    </message>
    <message>
        <source>recognizer model not found: %1</source>
        <translation>找不到人脸识别模型：%1</translation>
    </message>
    <message>
        <source>recognizer</source>
        <translation>人脸识别</translation>
    </message>
    <message>
        <source>face model cannot be loaded: %1</source>
        <translation>人脸模型无法加载：%1</translation>
    </message>
    <message>
        <source>liveness</source>
        <translation>活体检测</translation>
    </message>
    <message>
        <source>eye</source>
        <translation>眨眼检测</translation>
    </message>
    <message>
        <source>pose</source>
        <translation>头部姿态</translation>
    </message>
    <message>
        <source>%1: cannot read model file (%2); run &apos;packaging/examsite.sh setup&apos; or set [models] in the configuration</source>
        <translation>%1：无法读取模型文件（%2）；请运行 &apos;packaging/examsite.sh setup&apos;，或在配置文件的 [models] 中设置</translation>
    </message>
    <message>
        <source>session %1 is %2: only a session not yet started can be rescheduled</source>
        <translation>场次 %1 当前为%2：只有尚未开考的场次可以改期</translation>
    </message>
    <message>
        <source>candidates have arrived for session %1: its day cannot change, only its times</source>
        <translation>场次 %1 已有考生到场：不能更改考试日期，只能调整时间</translation>
    </message>
    <message>
        <source>acknowledging every open alert at once needs a reason</source>
        <translation>一次确认全部未处理告警须填写原因</translation>
    </message>
    <message>
        <source>every camera is watched already, by %1</source>
        <translation>所有摄像头已由 %1 监控</translation>
    </message>
    <message>
        <source>changing a registered photo needs a reason (for example the organisation&apos;s notice)</source>
        <translation>更改登记照片须填写原因（例如评价组织的通知）</translation>
    </message>
    <message>
        <source>no candidate has ticket %1</source>
        <translation>没有准考证号为 %1 的考生</translation>
    </message>
    <message>
        <source>%1 (expected %2)</source>
        <translation>%1（应为%2）</translation>
    </message>
    <message>
        <source>%1 is the photo registered already</source>
        <translation>%1 与已登记的照片相同</translation>
    </message>
    <message>
        <source>candidate %1 has no registered photo</source>
        <translation>考生 %1 没有登记照片</translation>
    </message>
    <message>
        <source>session %1: %2 candidates have already checked in, so the plan can no longer be replaced; move single candidates with &apos;examsite seat fail&apos;, seat candidates added since with &apos;examsite seat add-late&apos;</source>
        <translation>场次 %1：已有 %2 名考生签到，座位表不能再整体替换；请用 &apos;examsite seat fail&apos; 调整个别考生，用 &apos;examsite seat add-late&apos; 为之后补录的考生安排座位</translation>
    </message>
    <message>
        <source>session %1 has no seat allocation yet; allocate the seats with &apos;examsite seat allocate&apos; first</source>
        <translation>场次 %1 尚未随机分配座位；请先用 &apos;examsite seat allocate&apos; 分配座位</translation>
    </message>
    <message>
        <source>no free accessible seat with workstation &apos;%1&apos; for %2 in session %3, so nobody was seated; free one with &apos;examsite seat assign&apos; or add a room with &apos;examsite rooms add --session %3&apos;</source>
        <translation>场次 %3 中没有可供 %2 使用的空闲无障碍座位（工位 &apos;%1&apos;），因此没有安排任何考生；请用 &apos;examsite seat assign&apos; 腾出一个，或用 &apos;examsite rooms add --session %3&apos; 增加考场</translation>
    </message>
    <message>
        <source>no free seat with workstation &apos;%1&apos; for %2 in session %3, so nobody was seated; add a room with &apos;examsite rooms add --session %3&apos;</source>
        <translation>场次 %3 中没有可供 %2 使用的空闲座位（工位 &apos;%1&apos;），因此没有安排任何考生；请用 &apos;examsite rooms add --session %3&apos; 增加考场</translation>
    </message>
    <message>
        <source>--reason: say why the seat is assigned by hand (e.g. &apos;added to the roster at 08:40 by the organisation&apos;)</source>
        <translation>原因：请说明手动安排座位的原因（例如“评价组织 08:40 补录”）</translation>
    </message>
    <message>
        <source>ticket %1 is not registered for session %2</source>
        <translation>准考证号 %1 未报名场次 %2</translation>
    </message>
    <message>
        <source>%1 has checked in and sits in room %2 seat %3; a checked-in candidate moves only when the seat fails (&apos;examsite seat fail&apos;)</source>
        <translation>%1 已签到，座位为考场 %2 的 %3 号座位；已签到的考生只有在座位故障时才调座（&apos;examsite seat fail&apos;）</translation>
    </message>
    <message>
        <source>%1 has checked in; a checked-in candidate moves only when the seat fails (&apos;examsite seat fail&apos;)</source>
        <translation>%1 已签到；已签到的考生只有在座位故障时才调座（&apos;examsite seat fail&apos;）</translation>
    </message>
    <message>
        <source>%1 already sits in room %2 seat %3</source>
        <translation>%1 已经坐在考场 %2 的 %3 号座位</translation>
    </message>
    <message>
        <source>room %1 seat %2 %3 is out of service in session %4 (%5)</source>
        <translation>考场 %1 的 %2 号座位（%3）在场次 %4 中已停用（%5）</translation>
    </message>
    <message>
        <source>room %1 seat %2 %3 is disabled in the room layout; nobody sits there</source>
        <translation>考场 %1 的 %2 号座位（%3）在考场布局中已禁用，不安排考生</translation>
    </message>
    <message>
        <source>room %1 seat %2 %3 is a &apos;%4&apos; workstation; %5 sits at &apos;%6&apos;</source>
        <translation>考场 %1 的 %2 号座位（%3）是 &apos;%4&apos; 工位；%5 应使用 &apos;%6&apos; 工位</translation>
    </message>
    <message>
        <source>%1 needs an accessible seat; room %2 seat %3 %4 is not one</source>
        <translation>%1 需要无障碍座位；考场 %2 的 %3 号座位（%4）不是无障碍座位</translation>
    </message>
    <message>
        <source>--name: &apos;%1&apos; (expected 1-64 of A-Z a-z 0-9 _ -)</source>
        <translation>--name：“%1”（应为 1 至 64 个 A-Z a-z 0-9 _ - 字符）</translation>
    </message>
    <message>
        <source>session %1 has no commitment to print yet; run &apos;examsite seat commit&apos; first</source>
        <translation>场次 %1 尚未公布承诺值，无法打印；请先运行 &apos;examsite seat commit&apos;</translation>
    </message>
    <message>
        <source>cannot start printing %1</source>
        <translation>无法开始打印 %1</translation>
    </message>
    <message>
        <source>cannot finish printing %1</source>
        <translation>无法完成打印 %1</translation>
    </message>
    <message>
        <source>printer &apos;%1&apos; does not exist: no printers are set up (CUPS)</source>
        <translation>打印机“%1”不存在：尚未设置任何打印机（CUPS）</translation>
    </message>
    <message>
        <source>printer &apos;%1&apos; does not exist; the printers are: %2</source>
        <translation>打印机“%1”不存在；现有打印机：%2</translation>
    </message>
    <message>
        <source>no photo decoder is configured ([idcard] photo_decoder)</source>
        <translation>未配置身份证照片解码库（[idcard] photo_decoder）</translation>
    </message>
    <message>
        <source>the photo on the card shows no usable face (%1)</source>
        <translation>身份证照片中没有可用的人脸（%1）</translation>
    </message>
    <message>
        <source>the face check did not get as far as the card&apos;s photo</source>
        <translation>人脸核验未进行到身份证照片比对</translation>
    </message>
    <message>
        <source>the card gave no photo of 1,024 bytes (%1)</source>
        <translation>身份证未提供 1024 字节的照片（%1）</translation>
    </message>
    <message>
        <source>the photo decoder could not be started (%1)</source>
        <translation>照片解码程序无法启动（%1）</translation>
    </message>
    <message>
        <source>the photo decoder library could not be loaded (%1)</source>
        <translation>照片解码库无法加载（%1）</translation>
    </message>
    <message>
        <source>the photo decoder library has no function &apos;unpack&apos; (%1)</source>
        <translation>照片解码库中没有函数 &apos;unpack&apos;（%1）</translation>
    </message>
    <message>
        <source>the photo decoder could not decode the card&apos;s photo (%1)</source>
        <translation>照片解码库无法解码身份证照片（%1）</translation>
    </message>
    <message>
        <source>the photo decoder crashed (%1)</source>
        <translation>照片解码库崩溃（%1）</translation>
    </message>
    <message>
        <source>the photo decoder did something its sandbox forbids and was stopped (%1)</source>
        <translation>照片解码库执行了沙箱禁止的操作，已被终止（%1）</translation>
    </message>
    <message>
        <source>the photo decoder did not answer within %1 ms</source>
        <translation>照片解码库在 %1 毫秒内未响应</translation>
    </message>
    <message>
        <source>the photo decoder&apos;s output is not a usable picture (%1)</source>
        <translation>照片解码库的输出不是可用的图像（%1）</translation>
    </message>
    <message>
        <source>%1 &apos;%2&apos;: expected 1 to %3 printable characters, no spaces at either end</source>
        <translation>%1“%2”：应为 1 至 %3 个可打印字符，首尾不能有空格</translation>
    </message>
    <message>
        <source>terminal &apos;%1&apos; is registered with the key %2, and this one presents %3: another terminal&apos;s name (a site administrator may forget it: examsite terminals forget %1 --as ADMIN)</source>
        <translation>终端“%1”已登记的密钥为 %2，而本终端出示的是 %3：这是另一台终端的名称（考点管理员可注销该名称：examsite terminals forget %1 --as ADMIN）</translation>
    </message>
    <message>
        <source>there is no terminal &apos;%1&apos;</source>
        <translation>没有名为“%1”的终端</translation>
    </message>
    <message>
        <source>terminal &apos;%1&apos; is registered with the key %2, and this one presents no key: another terminal&apos;s name (a site administrator may forget it: examsite terminals forget %1 --as ADMIN)</source>
        <translation>终端“%1”已登记的密钥为 %2，而本终端未出示密钥：这是另一台终端的名称（考点管理员可注销该名称：examsite terminals forget %1 --as ADMIN）</translation>
    </message>
    <message>
        <source>preparing a bundle needs the terminal key</source>
        <translation>准备数据包需要终端密钥</translation>
    </message>
    <message>
        <source>bundle #%1 of session %2 is pending since %3 (still to sign: %4); add the signatures (&apos;examsite seal add&apos;) or prepare it again with --replace</source>
        <translation>场次 %2 的第 %1 号数据包自 %3 起等待签名（尚待签名：%4）；请添加签名（&apos;examsite seal add&apos;），或使用 --replace 重新准备</translation>
    </message>
    <message>
        <source>no bundle of session %1 is pending (see &apos;examsite seal prepare&apos;)</source>
        <translation>场次 %1 没有等待签名的数据包（参见 &apos;examsite seal prepare&apos;）</translation>
    </message>
    <message>
        <source>%1: %2 bytes; a signature file holds at most %3</source>
        <translation>%1：%2 字节；签名文件最多 %3 字节</translation>
    </message>
    <message>
        <source>%1: not a minisign signature: %2</source>
        <translation>%1：不是 minisign 签名：%2</translation>
    </message>
    <message>
        <source>%1: key %2 has signed this bundle already, as %3 (one key, one signer)</source>
        <translation>%1：密钥 %2 已作为 %3 签署过此数据包（一个密钥只能对应一位签名人）</translation>
    </message>
    <message>
        <source>%1: key %2 is not a known %3 key of site %4: neither a score sheet signed here nor a trust file lists it</source>
        <translation>%1：密钥 %2 不是考点 %4 已知的 %3 密钥：本考点签署的评分表和信任文件中均没有它</translation>
    </message>
    <message>
        <source>%1: key %2 is not a known %3 key of site %4: neither a score sheet signed here nor %5 lists it</source>
        <translation>%1：密钥 %2 不是考点 %4 已知的 %3 密钥：本考点签署的评分表和 %5 中均没有它</translation>
    </message>
    <message>
        <source>%1: every %2 of this bundle has signed already</source>
        <translation>%1：此数据包的所有 %2 均已签名</translation>
    </message>
    <message>
        <source>%1: %2 has signed already</source>
        <translation>%1：%2 已签名</translation>
    </message>
    <message>
        <source>%1: key %2: the signature does not verify (%3)</source>
        <translation>%1：密钥 %2：签名验证未通过（%3）</translation>
    </message>
    <message>
        <source>%1: cannot write: it exists and is not a regular file</source>
        <translation>%1：无法写入：该路径已存在且不是普通文件</translation>
    </message>
    <message>
        <source>session &apos;%1&apos; is not sealed: %2 of its records disagree with its event log (was the database edited?): %3</source>
        <translation>场次 %1 未封存：其中 %2 条记录与事件日志不一致（数据库是否被改动过？）：%3</translation>
    </message>
    <message>
        <source>status &apos;%1&apos; for a new session (expected planned or checkin_open)</source>
        <translation>新建场次的状态不能是“%1”（应为 planned 或 checkin_open）</translation>
    </message>
    <message>
        <source>seat %1 needs its room: name the room (or the candidate)</source>
        <translation>座位 %1 需注明考场：请填写考场（或考生）</translation>
    </message>
    <message>
        <source>room %1 already exists</source>
        <translation>考场 %1 已存在</translation>
    </message>
    <message>
        <source>room %1: seat %2 is given as both disabled and accessible; a seat is one or the other</source>
        <translation>考场 %1：座位 %2 同时被标为不可用和无障碍座位；一个座位只能是其中之一</translation>
    </message>
    <message>
        <source>this site&apos;s code is %1 and it has sessions: its keys, log and bundles are bound to that code, so it cannot become %2</source>
        <translation>本考点代码为 %1 且已有场次：其密钥、日志和数据包都与该代码绑定，不能改为 %2</translation>
    </message>
    <message>
        <source>the candidate&apos;s %1</source>
        <translation>填写考生的%1</translation>
    </message>
    <message>
        <source>element %1 is %2</source>
        <translation>第 %1 项是%2</translation>
    </message>
    <message>
        <source>unknown encoding &apos;%1&apos;</source>
        <translation>未知编码“%1”</translation>
    </message>
    <message>
        <source>utf-8 or gb18030</source>
        <translation>utf-8 或 gb18030</translation>
    </message>
    <message>
        <source>password for &apos;%1&apos; begins or ends with a space (expected none at either end)</source>
        <translation>“%1”的密码首尾有空格（首尾不能有空格）</translation>
    </message>
    <message>
        <source>session &apos;%1&apos; is %2; close it before sealing (&apos;examsite sessions close --session %1 --as USER&apos;)</source>
        <translation>场次“%1”当前为%2；请先结束场次再封存（命令行：examsite sessions close --session %1 --as USER）</translation>
    </message>
    <message>
        <source>session &apos;%1&apos; is %2 (bundle #%3); the addenda recorded since then (%4) go in an addendum bundle (next: seal addendum: &apos;examsite seal --addendum --session %1 ...&apos;)</source>
        <translation>场次“%1”当前为%2（第 %3 号数据包）；此后记录的补充说明（%4 条）应封存为补充说明数据包（命令行：examsite seal --addendum --session %1 …）</translation>
    </message>
    <message>
        <source>session &apos;%1&apos; is %2 (bundle #%3); a correction is a signed addendum (&apos;examsite addendum add&apos;), then sealed as an addendum bundle (&apos;examsite seal --addendum&apos;)</source>
        <translation>场次“%1”当前为%2（第 %3 号数据包）；更正须先提交签名的补充说明（examsite addendum add），再封存为补充说明数据包（examsite seal --addendum）</translation>
    </message>
    <message>
        <source>session &apos;%1&apos; is %2 and has no sealed bundle; an addendum bundle follows the session&apos;s bundle: seal that first (&apos;examsite seal --session %1&apos;)</source>
        <translation>场次“%1”当前为%2，尚无已封存的数据包；补充说明数据包须在场次数据包之后，请先封存场次数据包（命令行：examsite seal --session %1）</translation>
    </message>
    <message>
        <source>session &apos;%1&apos; has no addendum since bundle #%2 was sealed; record the correction first (&apos;examsite addendum add --session %1 ...&apos;)</source>
        <translation>场次“%1”自第 %2 号数据包封存以来没有补充说明；请先记录更正（命令行：examsite addendum add --session %1 …）</translation>
    </message>
    <message>
        <source>session &apos;%1&apos;: no checkpoint covers all %2 events</source>
        <translation>场次“%1”：没有覆盖全部 %2 条事件的检查点</translation>
    </message>
    <message>
        <source>%1 holds sealed bundle #%2 already; choose another file</source>
        <translation>%1 已是第 %2 号已封存数据包；请选择其他文件</translation>
    </message>
    <message>
        <source>session &apos;%1&apos;: its log has %2 events, no more than bundle #%3&apos;s</source>
        <translation>场次“%1”：日志共 %2 条事件，并不比第 %3 号数据包多</translation>
    </message>
    <message>
        <source>sealing needs the terminal key</source>
        <translation>封存需要终端密钥</translation>
    </message>
    <message>
        <source>%1 %2 signed the score sheet with key %3, which must sign this bundle too, but it was not given</source>
        <translation>%1 %2 用密钥 %3 签署了评分表，该密钥也须签署此数据包，但未提供</translation>
    </message>
    <message>
        <source>each %1 signs this bundle with their own key (%2 of them: %3), but the keys given number %4</source>
        <translation>每位%1须用本人密钥签署此数据包（共 %2 人：%3），但只提供了 %4 个密钥</translation>
    </message>
    <message>
        <source>the %1 must sign this bundle, but no %1 key was given</source>
        <translation>此数据包须由%1签署，但未提供%1密钥</translation>
    </message>
    <message>
        <source>%1 %2 must sign this bundle (%3), but no %1 key was given</source>
        <translation>%1 %2 须签署此数据包（%3），但未提供%1密钥</translation>
    </message>
    <message>
        <source>the terminal key for signing differs from the ledger&apos;s terminal key</source>
        <translation>用于签名的终端密钥与账本的终端密钥不一致</translation>
    </message>
    <message>
        <source>%1: %2 signed the score sheet with key %3; that key signs the bundle, not %4</source>
        <translation>%1：%2 用密钥 %3 签署了评分表；应由该密钥签署数据包，而不是 %4</translation>
    </message>
    <message>
        <source>%1: key %2 is trusted as %3 &quot;%4&quot; (%5 line %6), who is not among those still to sign: %7</source>
        <translation>%1：密钥 %2 登记为%3“%4”（%5 第 %6 行），此人不在尚需签名的人员中：%7</translation>
    </message>
    <message>
        <source>no bundle of session %1 is waiting for signatures; prepare it first (&apos;examsite seal prepare&apos;)</source>
        <translation>场次 %1 没有等待签名的数据包；请先准备数据包（命令行：examsite seal prepare）</translation>
    </message>
    <message>
        <source>bundle #%1 of session %2 still needs the signature of %3</source>
        <translation>场次 %2 的第 %1 号数据包仍需 %3 签名</translation>
    </message>
    <message>
        <source>addendum bundle #%1 of session %2 no longer extends the session&apos;s last bundle; prepare it again (&apos;examsite seal prepare --addendum --replace&apos;)</source>
        <translation>场次 %2 的第 %1 号补充说明数据包已不再接续该场次的最新数据包；请重新准备（命令行：examsite seal prepare --addendum --replace）</translation>
    </message>
    <message>
        <source>bundle #%1 was sealed after this one was prepared as #%2; prepare it again (&apos;examsite seal prepare --replace&apos;)</source>
        <translation>本数据包按第 %2 号准备后，第 %1 号数据包已被封存；请重新准备（命令行：examsite seal prepare --replace）</translation>
    </message>
    <message>
        <source>session %1 changed after bundle #%2 was prepared (event %3: %4); prepare it again (&apos;examsite seal prepare --replace&apos;) and sign the new manifest</source>
        <translation>第 %2 号数据包准备后场次 %1 有了变化（事件 %3：%4）；请重新准备（命令行：examsite seal prepare --replace）并签署新的清单</translation>
    </message>
    <message>
        <source>session %1&apos;s log is shorter than when bundle #%2 was prepared</source>
        <translation>场次 %1 的日志比准备第 %2 号数据包时更短</translation>
    </message>
    <message>
        <source>bundle #%1 of session %2 needs no %3 signature (it needs: %4)</source>
        <translation>场次 %2 的第 %1 号数据包不需要%3签名（需要：%4）</translation>
    </message>
    <message>
        <source>bundle #%1 of session %2 names no %3 &apos;%4&apos; (it names: %5)</source>
        <translation>场次 %2 的第 %1 号数据包中没有%3“%4”（其中有：%5）</translation>
    </message>
    <message>
        <source>watched by another monitor now</source>
        <translation>现由另一台监控终端监看</translation>
    </message>
    <message>
        <source>the site server was unreachable for too long</source>
        <translation>考点服务器长时间无法连接</translation>
    </message>
    <message>
        <source>an %1 must sign this bundle (%2), but no %1 key was given</source>
        <translation>须由一位%1签署此数据包（%2），但未提供%1密钥</translation>
    </message>
    <message>
        <source>%1 problems found; the rest of the file was not read</source>
        <translation>已发现 %1 处问题，文件其余部分未读取</translation>
    </message>
    <message>
        <source>a file with fewer problems</source>
        <translation>问题更少的文件</translation>
    </message>
    <message>
        <source>more than %1 fields in one record</source>
        <translation>一行超过 %1 个字段</translation>
    </message>
    <message>
        <source>at most %1 columns</source>
        <translation>最多 %1 列</translation>
    </message>
    <message>
        <source>more than %1 fields in the file</source>
        <translation>文件中的字段超过 %1 个</translation>
    </message>
    <message>
        <source>a smaller file (split it)</source>
        <translation>更小的文件（请拆分）</translation>
    </message>
    <message>
        <source>an admission needs a reason of at least %1 characters</source>
        <translation>准许入场须填写至少 %1 个字的原因</translation>
    </message>
    <message>
        <source>%1 exists and is not a sealed bundle: it is not replaced; choose another file</source>
        <translation>%1 已存在且不是封存数据包：不会覆盖它，请另选文件</translation>
    </message>
    <message>
        <source>tasks: task %1 &apos;%2&apos;: %3 (expected TASK:MAX[:PASS][:double], e.g. practical:100:60:double)</source>
        <translation>考核任务：第 %1 项“%2”：%3（格式应为 任务名:满分[:合格分][:double]，例如 实操:100:60:double）</translation>
    </message>
    <message>
        <source>no maximum points</source>
        <translation>缺少满分</translation>
    </message>
    <message>
        <source>too many &apos;:&apos; fields</source>
        <translation>冒号分隔的字段过多</translation>
    </message>
    <message>
        <source>no task name</source>
        <translation>缺少任务名称</translation>
    </message>
    <message>
        <source>the name contains %1</source>
        <translation>名称中含有 %1</translation>
    </message>
    <message>
        <source>maximum &apos;%1&apos; is not a number</source>
        <translation>满分“%1”不是数字</translation>
    </message>
    <message>
        <source>pass mark &apos;%1&apos; is neither a number nor &apos;double&apos;</source>
        <translation>合格分“%1”既不是数字，也不是 double</translation>
    </message>
    <message>
        <source>%1: photo is larger than %2 MB</source>
        <translation>%1：照片大于 %2 MB</translation>
    </message>
    <message>
        <source>is not a regular file</source>
        <translation>不是普通文件</translation>
    </message>
    <message>
        <source>file is larger than %1 MB</source>
        <translation>文件大于 %1 MB</translation>
    </message>
    <message>
        <source>cannot start the tar stream: %1</source>
        <translation>无法开始写入 tar 数据流：%1</translation>
    </message>
    <message>
        <source>cannot write %1 into the bundle: %2</source>
        <translation>无法将 %1 写入结果包：%2</translation>
    </message>
    <message>
        <source>cannot finish the tar stream: %1</source>
        <translation>无法完成 tar 数据流：%1</translation>
    </message>
    <message>
        <source>cannot encrypt the bundle: %1</source>
        <translation>无法加密结果包：%1</translation>
    </message>
    <message>
        <source>cannot write the bundle: %1</source>
        <translation>无法写入结果包：%1</translation>
    </message>
    <message>
        <source>%1: not a usable ExamSite key file: %2</source>
        <translation>%1：不是可用的 ExamSite 密钥文件：%2</translation>
    </message>
    <message>
        <source>%1%2 vanished while sealing</source>
        <translation>封存过程中 %1%2 已不存在</translation>
    </message>
    <message>
        <source>two parts of the site write report %1</source>
        <translation>考点的两个部分都写入了报表 %1</translation>
    </message>
    <message>
        <source>%1: cannot read %2: %3</source>
        <translation>%1：无法读取%2：%3</translation>
    </message>
    <message>
        <source>%1: %2 bytes, more than a %3 holds (%4)</source>
        <translation>%1：%2 字节，超过%3的上限（%4）</translation>
    </message>
    <message>
        <source>pending bundle&apos;s state</source>
        <translation>待签结果包的状态文件</translation>
    </message>
    <message>
        <source>%1: not a pending bundle&apos;s state</source>
        <translation>%1：不是待签结果包的状态文件</translation>
    </message>
    <message>
        <source>%1: addendum: %2</source>
        <translation>%1：补充记录：%2</translation>
    </message>
    <message>
        <source>%1: signer file &apos;%2&apos; is not a signature&apos;s name</source>
        <translation>%1：签名者文件“%2”不是签名文件名</translation>
    </message>
    <message>
        <source>manifest</source>
        <translation>清单</translation>
    </message>
    <message>
        <source>%1: not the pending bundle of session %2</source>
        <translation>%1：不是场次 %2 的待签结果包</translation>
    </message>
    <message>
        <source>%1: cannot remove the bundle pending before</source>
        <translation>%1：无法删除之前的待签结果包</translation>
    </message>
    <message>
        <source>cannot put %1 in place</source>
        <translation>无法将 %1 放到位</translation>
    </message>
    <message>
        <source>%1: trusted comment &quot;%2&quot; is not an ExamSite bundle signature</source>
        <translation>%1：受信注释“%2”不是 ExamSite 结果包签名</translation>
    </message>
    <message>
        <source>%1: signed as %2 for site %3, session %4, bundle #%5; this bundle is site %6, session %7, bundle #%8, signed by all its signers already</source>
        <translation>%1：签名身份为 %2，针对考点 %3、场次 %4、第 %5 号结果包；而本结果包属于考点 %6、场次 %7、第 %8 号，且所有签名者均已签名</translation>
    </message>
    <message>
        <source>%1: signed as %2 for site %3, session %4, bundle #%5; this bundle is site %6, session %7, bundle #%8, still to be signed by %9</source>
        <translation>%1：签名身份为 %2，针对考点 %3、场次 %4、第 %5 号结果包；而本结果包属于考点 %6、场次 %7、第 %8 号，尚待 %9 签名</translation>
    </message>
    <message>
        <source>%1: the organisation&apos;s recipient: %2</source>
        <translation>%1：评价组织的接收方公钥：%2</translation>
    </message>
    <message>
        <source>%1: cannot read the sealed content: %2</source>
        <translation>%1：无法读取已封存的内容：%2</translation>
    </message>
    <message>
        <source>%1: the sealed content is damaged: %2</source>
        <translation>%1：已封存的内容已损坏：%2</translation>
    </message>
    <message>
        <source>%1 bytes: larger than a bundle manifest may be (%2)</source>
        <translation>%1 字节：超过结果包清单的上限（%2）</translation>
    </message>
    <message>
        <source>not an ExamSite bundle manifest (expected &quot;format&quot;: &quot;%1&quot;)</source>
        <translation>不是 ExamSite 结果包清单（应为 &quot;format&quot;: &quot;%1&quot;）</translation>
    </message>
    <message>
        <source>the manifest lacks site.code, session.code or bundle.counter</source>
        <translation>清单缺少 site.code、session.code 或 bundle.counter</translation>
    </message>
    <message>
        <source>role &apos;%1&apos; (expected supervisor or evaluator)</source>
        <translation>角色“%1”（应为 supervisor 或 evaluator）</translation>
    </message>
    <message>
        <source>the signer&apos;s name: one line of at most 100 characters</source>
        <translation>签名者姓名：只能一行，最多 100 个字符</translation>
    </message>
    <message>
        <source>%1: cannot read the trust file: %2</source>
        <translation>%1：无法读取信任文件：%2</translation>
    </message>
    <message>
        <source>No such file or directory</source>
        <translation>文件或目录不存在</translation>
    </message>
    <message>
        <source>Permission denied</source>
        <translation>没有权限</translation>
    </message>
    <message>
        <source>No space left on device</source>
        <translation>磁盘空间已满</translation>
    </message>
    <message>
        <source>Read-only file system</source>
        <translation>文件系统为只读</translation>
    </message>
    <message>
        <source>Is a directory</source>
        <translation>这是一个目录</translation>
    </message>
    <message>
        <source>Not a directory</source>
        <translation>不是目录</translation>
    </message>
    <message>
        <source>Disk quota exceeded</source>
        <translation>超出磁盘配额</translation>
    </message>
    <message>
        <source>Input/output error</source>
        <translation>输入/输出错误</translation>
    </message>
    <message>
        <source>File too large</source>
        <translation>文件过大</translation>
    </message>
    <message>
        <source>Too many open files</source>
        <translation>打开的文件过多</translation>
    </message>
    <message>
        <source>too large for a key file</source>
        <translation>超过密钥文件的大小上限</translation>
    </message>
    <message>
        <source>expected an &quot;untrusted comment:&quot; line and a base64 line</source>
        <translation>应为一行 &quot;untrusted comment:&quot; 和一行 base64</translation>
    </message>
    <message>
        <source>line 2: not base64</source>
        <translation>第 2 行：不是 base64</translation>
    </message>
    <message>
        <source>line 2: not an ExamSite secret key (magic &quot;ESK1&quot; missing)</source>
        <translation>第 2 行：不是 ExamSite 私钥（缺少标识 &quot;ESK1&quot;）</translation>
    </message>
    <message>
        <source>line 2: key blob is %1 bytes (expected %2)</source>
        <translation>第 2 行：密钥数据为 %1 字节（应为 %2）</translation>
    </message>
    <message>
        <source>unknown role &quot;%1&quot; in the key file</source>
        <translation>密钥文件中的角色 &quot;%1&quot; 未知</translation>
    </message>
    <message>
        <source>Argon2id limits out of range (ops %1, memory %2 bytes)</source>
        <translation>Argon2id 参数超出范围（运算次数 %1，内存 %2 字节）</translation>
    </message>
    <message>
        <source>%1 exists and cannot be kept as %2: choose another file</source>
        <translation>%1 已存在，且无法另存为 %2：请选择其他文件</translation>
    </message>
    <message>
        <source>signature</source>
        <translation>签名</translation>
    </message>
    <message>
        <source>room %1 seat %2 %3 is taken by %4; choose a free seat (&apos;examsite seat list --session %5 --as USER&apos;)</source>
        <translation>考场 %1 的 %2 号座位（%3）已被 %4 占用；请选择空闲座位（&apos;examsite seat list --session %5 --as USER&apos;）</translation>
    </message>
    <message>
        <source>session &apos;%1&apos; changed while it was being sealed (%2 events, then %3); nothing was sealed: seal it again</source>
        <translation>场次“%1”在封存过程中发生了变化（先是 %2 条事件，后为 %3 条）；未封存任何内容：请重新封存</translation>
    </message>
    <message>
        <source>bundle #%1 was sealed while this one was being sealed as #%2; nothing was recorded: seal it again</source>
        <translation>本结果包作为第 %2 号封存期间，第 %1 号结果包已被封存；未记录任何内容：请重新封存</translation>
    </message>
    <message>
        <source>session %1 changed while it was being sealed (event %2: %3); nothing was recorded: seal it again</source>
        <translation>场次 %1 在封存过程中发生了变化（事件 %2：%3）；未记录任何内容：请重新封存</translation>
    </message>
    <message>
        <source>not a snapshot name: %1</source>
        <translation>不是快照名称：%1</translation>
    </message>
    <message>
        <source>%1:%2: %3</source>
        <translation>%1 第 %2 行：%3</translation>
    </message>
    <message>
        <source>&quot;examsite-trust v1&quot; binds no key to a site: write v2, with each key&apos;s site code (docs/trust-file.md; &apos;examsite keys trust --site CODE&apos; writes one)</source>
        <translation>“examsite-trust v1”不把密钥绑定到考点：请改写为 v2，并为每个密钥写明考点代码（见 docs/trust-file.md；“examsite keys trust --site 代码”可生成）</translation>
    </message>
    <message>
        <source>first line must be &quot;examsite-trust v2&quot;</source>
        <translation>第一行必须是“examsite-trust v2”</translation>
    </message>
    <message>
        <source>expected &quot;key ROLE SITE PUBLIC-KEY VALID-FROM VALID-UNTIL [LABEL]&quot;</source>
        <translation>应为“key 角色 考点 公钥 生效日期 失效日期 [标签]”</translation>
    </message>
    <message>
        <source>site &quot;%1&quot; (expected a site code, or * for any site)</source>
        <translation>考点“%1”无效（应为考点代码，或用 * 表示任意考点）</translation>
    </message>
    <message>
        <source>role &quot;%1&quot; (expected terminal, supervisor or evaluator)</source>
        <translation>角色“%1”无效（应为 terminal、supervisor 或 evaluator）</translation>
    </message>
    <message>
        <source>validity &quot;%1 %2&quot; (expected YYYY-MM-DD or - for each bound)</source>
        <translation>有效期“%1 %2”无效（每个界限应为 YYYY-MM-DD 或 -）</translation>
    </message>
    <message>
        <source>valid-until is before valid-from</source>
        <translation>失效日期早于生效日期</translation>
    </message>
    <message>
        <source>key %1 is listed for role %2 at site %3 already on line %4</source>
        <translation>密钥 %1 已在第 %4 行列为考点 %3 的 %2 角色</translation>
    </message>
    <message>
        <source>expected &quot;require ROLE COUNT&quot; with a role and a count 0..100</source>
        <translation>应为“require 角色 数量”，角色有效且数量为 0 到 100</translation>
    </message>
    <message>
        <source>expected one &quot;organisation CODE&quot;</source>
        <translation>应有且仅有一行“organisation 代码”</translation>
    </message>
    <message>
        <source>expected &quot;share ROLE ROLE&quot; with two different roles</source>
        <translation>应为“share 角色 角色”，且两个角色不同</translation>
    </message>
    <message>
        <source>unknown directive &quot;%1&quot; (expected key, require, share or organisation)</source>
        <translation>未知指令“%1”（应为 key、require、share 或 organisation）</translation>
    </message>
    <message>
        <source>empty trust file (expected &quot;examsite-trust v2&quot; and key lines)</source>
        <translation>信任文件为空（应有“examsite-trust v2”和密钥行）</translation>
    </message>
    <message>
        <source>public key &quot;%1&quot; is not one (expected the base64 line of a minisign .pub file)</source>
        <translation>公钥“%1”无效（应为 minisign .pub 文件中的 base64 行）</translation>
    </message>
    <message>
        <source>%1: trust file larger than 1 MiB</source>
        <translation>%1：信任文件超过 1 MiB</translation>
    </message>
    <message>
        <source>session &apos;%1&apos; is dated %2, not today (%3): what happens in it today would lie outside its exam window and the organisation would reject its bundle; reschedule it to today first, or open today&apos;s session</source>
        <translation>场次“%1”的日期是 %2，不是今天（%3）：今天在该场次中记录的一切都会落在其考试时间窗之外，评价组织将拒收其结果包；请先把它改期到今天，或开启今天的场次</translation>
    </message>
    <message>
        <source>session &apos;%1&apos; is %2 already</source>
        <translation>场次“%1”已经是“%2”</translation>
    </message>
    <message>
        <source>session &apos;%1&apos; cannot be sealed yet: %2</source>
        <translation>场次“%1”暂不能封存：%2</translation>
    </message>
    <message>
        <source>%1 double-scored task(s) have no final score: the two evaluators&apos; points are too far apart and nobody resolved them (first: ticket %2, task &apos;%3&apos;); a site administrator resolves each (&apos;examsite score resolve&apos;, or Operations, Scoring)</source>
        <translation>有 %1 项双评任务没有最终成绩：两位考评员的分数相差过大且尚未裁定（第一项：准考证号 %2，任务“%3”）；请考点管理员逐项裁定（“examsite score resolve”，或考务操作的“评分”）</translation>
    </message>
    <message>
        <source>ticket &apos;%1&apos; is not registered for session %2 (see &apos;examsite candidates list --session %2&apos;)</source>
        <translation>准考证号“%1”未报名场次 %2（见 &apos;examsite candidates list --session %2&apos;）</translation>
    </message>
    <message>
        <source>%1: this site&apos;s key is not on this terminal, and the site&apos;s photos, face templates and snapshots are sealed with it: copy the key file (0600) from a terminal of the site to %1, or point EXAMSITE_SITE_KEY or [privacy] key_file at it (docs/site-server.md, &quot;The site key&quot;)</source>
        <translation>%1：本终端上没有本考点的站点密钥，而考点的照片、人脸模板和抓拍都用它加密：请从考点的另一台终端把密钥文件（权限 0600）复制到 %1，或将 EXAMSITE_SITE_KEY 或 [privacy] key_file 指向它（docs/site-server.md，“The site key”）</translation>
    </message>
    <message>
        <source>%1: the site key is missing, and the site&apos;s photos are sealed with it: restore the key file (from the site&apos;s backup or another terminal of the site), or point EXAMSITE_SITE_KEY or [privacy] key_file at it</source>
        <translation>%1：站点密钥缺失，而考点的照片用它加密：请恢复密钥文件（从考点的备份或另一台终端），或将 EXAMSITE_SITE_KEY 或 [privacy] key_file 指向它</translation>
    </message>
    <message>
        <source>%1 is not this site&apos;s key (the site&apos;s photos, face templates and snapshots are sealed with another one): copy the site&apos;s key file here, or point EXAMSITE_SITE_KEY or [privacy] key_file at it; nothing was read or written with this one</source>
        <translation>%1 不是本考点的站点密钥（考点的照片、人脸模板和抓拍用另一把密钥加密）：请把考点的密钥文件复制到这里，或将 EXAMSITE_SITE_KEY 或 [privacy] key_file 指向它；未用此密钥读写任何数据</translation>
    </message>
    <message>
        <source>%1 candidate(s) who checked in have no final score for every task (first: ticket %2, %3 of %4 tasks scored); the evaluators enter the missing points, 0 for work not handed in (&apos;examsite score enter&apos;, or Operations, Scoring), or a site administrator voids a result for misconduct (&apos;examsite score void&apos;)</source>
        <translation>%1 名已签到考生尚未得到每项任务的最终成绩（第一位：准考证号 %2，已评 %3/%4 项）；请考评员补录缺少的分数（未提交作品记 0 分）（“examsite score enter”，或考务操作的“评分”），或由考点管理员因违纪作废其成绩（“examsite score void”）</translation>
    </message>
    <message>
        <source>%1 evaluator(s) have not signed their score sheet (first: %2, %3 entries); each signs with their own key (&apos;examsite score sign&apos;, or Operations, Scoring)</source>
        <translation>%1 名考评员尚未签署评分表（第一位：%2，%3 条记录）；请每人用自己的密钥签署（“examsite score sign”，或考务操作的“评分”）</translation>
    </message>
    <message>
        <source>session %1 is scheduled to start at %2: a score entered before then lies outside its exam window, and the organisation would reject its bundle</source>
        <translation>场次 %1 计划于 %2 开始：在此之前录入的成绩不在考试时间窗内，评价组织将拒收其数据包</translation>
    </message>
    <message>
        <source>session %1 ended at %2: scores are entered within 24 hours of its end, later ones lie outside its exam window and the organisation would reject its bundle</source>
        <translation>场次 %1 已于 %2 结束：成绩须在结束后 24 小时内录入，更晚录入的不在考试时间窗内，评价组织将拒收其数据包</translation>
    </message>
    <message>
        <source>%1 points for &apos;%2&apos;: at most two decimals (as the signed sheet holds them)</source>
        <translation>“%2”的分数 %1：最多两位小数（与签署的评分表一致）</translation>
    </message>
    <message>
        <source>%1 &apos;%2&apos; is single-scored and %3 scored it; only they change it (&apos;examsite score enter&apos; before signing their sheet, &apos;examsite score correct&apos; after)</source>
        <translation>%1 的“%2”为单评任务，已由 %3 评分；只能由其本人修改（签署评分表前用“examsite score enter”，签署后用“examsite score correct”）</translation>
    </message>
    <message>
        <source>this site&apos;s time zone is %1 and session %2 has begun, whose times would move: it cannot become %3</source>
        <translation>本考点的时区为 %1，场次 %2 已经开始，改时区会使其时间偏移：不能改为 %3</translation>
    </message>
    <message>
        <source>this terminal signs in to the site server with a kiosk&apos;s database login, which may not reopen a session: reopen it on the site administrator&apos;s PC</source>
        <translation>本终端以签到终端的数据库账号连接考点服务器，不能重新开放场次：请在考点管理员的电脑上重新开放</translation>
    </message>
</context>
<context>
    <name>FeedWall</name>
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
    <message>
        <source>Acknowledge all %1…</source>
        <translation>全部确认（%1 条）…</translation>
    </message>
    <message>
        <source>Acknowledge every open alert</source>
        <translation>确认全部未处理告警</translation>
    </message>
    <message>
        <source>%1 open alerts are marked as seen under your name, with the reason below (for example a known network outage).</source>
        <translation>将以您的名义把 %1 条未处理告警标记为已确认，并记录下面填写的原因（例如已知的网络中断）。</translation>
    </message>
    <message>
        <source>Acknowledge all</source>
        <translation>全部确认</translation>
    </message>
    <message>
        <source>Opening %1</source>
        <translation>正在打开 %1</translation>
    </message>
    <message>
        <source>No picture within %1 s of connecting</source>
        <translation>连接后 %1 秒内无画面</translation>
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
        <source>What happened</source>
        <translation>情况说明</translation>
    </message>
    <message>
        <source>Record incident</source>
        <translation>记录异常</translation>
    </message>
    <message>
        <source>Amended: %1</source>
        <translation>补记：%1</translation>
    </message>
    <message>
        <source>Amendment (the original stays)</source>
        <translation>补记内容（原记录保留）</translation>
    </message>
    <message>
        <source>Amend</source>
        <translation>补记</translation>
    </message>
    <message>
        <source>Seat (optional)</source>
        <translation>座位号（选填）</translation>
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
        <source>Minor</source>
        <translation>轻微</translation>
    </message>
    <message>
        <source>Major</source>
        <translation>严重</translation>
    </message>
    <message>
        <source>Severe</source>
        <translation>特别严重</translation>
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
    <message>
        <source>Signatures</source>
        <translation>签名</translation>
    </message>
</context>
<context>
    <name>ProctorPanel</name>
    <message>
        <source>A proctor must check this candidate. </source>
        <translation>需要监考员核验该考生。</translation>
    </message>
    <message>
        <source>Registered photo</source>
        <translation>登记照片</translation>
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
        <translation>监考模式：%1，有效至 %2。点选原因即可准许该考生入场。</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>锁定</translation>
    </message>
    <message>
        <source>%1  ·  Ticket %2  ·  %3</source>
        <extracomment>the candidate&apos;s name, admission ticket number and masked ID number</extracomment>
        <translation>%1  ·  准考证号 %2  ·  %3</translation>
    </message>
    <message>
        <source>Reason, e.g. ID card checked by hand</source>
        <translation>原因，例如：已人工核验身份证件</translation>
    </message>
</context>
<context>
    <name>ReportsCard</name>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
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
    <message>
        <source>Folder for the reports</source>
        <translation>报表保存文件夹</translation>
    </message>
    <message>
        <source>Empty: Documents/ExamSite/reports</source>
        <translation>留空则保存到 文档/ExamSite/reports</translation>
    </message>
</context>
<context>
    <name>RescheduleDialog</name>
    <message>
        <source>Change the times of %1</source>
        <translation>调整场次 %1 的时间</translation>
    </message>
    <message>
        <source>Only before the exam starts; the day only while nobody has arrived. Everyone sees the new times at once.</source>
        <translation>仅限开考前调整；考试日期只能在尚无考生到场时更改。修改后所有终端立即显示新时间。</translation>
    </message>
    <message>
        <source>Date (YYYY-MM-DD)</source>
        <translation>日期（年-月-日）</translation>
    </message>
    <message>
        <source>Start (HH:MM)</source>
        <translation>开始（时:分）</translation>
    </message>
    <message>
        <source>End (HH:MM)</source>
        <translation>结束（时:分）</translation>
    </message>
    <message>
        <source>Late entry until (HH:MM)</source>
        <translation>迟到截止（时:分）</translation>
    </message>
    <message>
        <source>Why (for example the organisation&apos;s notice), recorded with the change</source>
        <translation>原因（例如评价组织的通知），随更改一并记录</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Change times</source>
        <translation>调整时间</translation>
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
        <translation>不可用座位</translation>
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
        <translation>口令</translation>
    </message>
    <message>
        <source>Sign</source>
        <translation>签署</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>考核项目</translation>
    </message>
    <message>
        <source>Each task as NAME:MAX[:PASS][:double], separated by semicolons, e.g. theory:100:60; practical:100:60:double</source>
        <translation>每项写作 名称:满分[:合格分][:double]，各项以分号分隔，例如 theory:100:60; practical:100:60:double</translation>
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
    <message numerus="yes">
        <source>%n candidate(s) without a seat: %1</source>
        <translation>
            <numerusform>%n 名考生没有座位：%1</numerusform>
        </translation>
    </message>
    <message>
        <source>Seat late additions</source>
        <translation>为补录考生安排座位</translation>
    </message>
    <message>
        <source>Print on a printer</source>
        <translation>用打印机打印</translation>
    </message>
    <message>
        <source>No printers set up</source>
        <translation>尚未设置打印机</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Print this room</source>
        <translation>打印本考场</translation>
    </message>
    <message>
        <source>Print all rooms</source>
        <translation>打印全部考场</translation>
    </message>
    <message>
        <source>Moving %1 (from %2): tap a free seat, then &quot;Move here…&quot;.</source>
        <translation>正在调换 %1（原在%2）：请点击一个空座位，再点“调到这里…”。</translation>
    </message>
    <message>
        <source>Cancel the move</source>
        <translation>取消调座</translation>
    </message>
    <message>
        <source>Move here…</source>
        <translation>调到这里…</translation>
    </message>
    <message>
        <source>Assign…</source>
        <translation>安排考生…</translation>
    </message>
    <message>
        <source>%1 (moves from %2)</source>
        <translation>%1（从%2调来）</translation>
    </message>
    <message>
        <source>Move…</source>
        <translation>调座…</translation>
    </message>
    <message>
        <source>room %1 seat %2</source>
        <translation>考场 %1 的 %2 号座位</translation>
    </message>
    <message>
        <source>Checked in: a checked-in candidate moves only when their seat is taken out of service.</source>
        <translation>已签到：已签到的考生只有在其座位停用时才会被调换。</translation>
    </message>
    <message>
        <source>Folder for the PDF files</source>
        <translation>PDF 保存文件夹</translation>
    </message>
    <message>
        <source>For example /media/usb/print; empty: Documents/ExamSite</source>
        <translation>例如 /media/usb/print；留空则保存到 文档/ExamSite</translation>
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
    <message>
        <source>Change times…</source>
        <translation>调整时间…</translation>
    </message>
    <message>
        <source>Work on this session</source>
        <translation>切换到此场次</translation>
    </message>
    <message>
        <source>This terminal&apos;s session</source>
        <translation>本终端的场次</translation>
    </message>
    <message>
        <source>Keep checking in for %1</source>
        <translation>继续为 %1 签到</translation>
    </message>
    <message>
        <source>Switch this terminal to %1?</source>
        <translation>将本终端切换到 %1？</translation>
    </message>
    <message numerus="yes">
        <source>This terminal is checking candidates in for %1 (%n checked in). After switching to %2, candidates will check in for %2.</source>
        <translation>
            <numerusform>本终端正在为 %1 签到（已签到 %n 人）。切换到 %2 后，考生将在 %2 签到。</numerusform>
        </translation>
    </message>
    <message>
        <source>Switch to %1</source>
        <translation>切换到 %1</translation>
    </message>
</context>
<context>
    <name>SigningTab</name>
    <message>
        <source>Bundle signatures</source>
        <translation>数据包签名</translation>
    </message>
    <message>
        <source>No bundle is waiting for signatures. After the close, prepare it below; each signer then signs here or on their own device.</source>
        <translation>没有等待签名的数据包。考试结束后在下方准备数据包；每位签名人随后在此或在自己的设备上签名。</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>已签名</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>待签名</translation>
    </message>
    <message>
        <source>Sign at this console</source>
        <translation>在本机签名</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Your key&apos;s passphrase</source>
        <translation>您的密钥口令</translation>
    </message>
    <message>
        <source>Sign</source>
        <translation>签名</translation>
    </message>
    <message>
        <source>Or a signature file from another device (.minisig)</source>
        <translation>或来自其他设备的签名文件（.minisig）</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Trust file with the signers&apos; public keys (trust.txt)</source>
        <translation>含签名人公钥的信任文件（trust.txt）</translation>
    </message>
    <message numerus="yes">
        <source>Prepare the addendum bundle (%n addendum/addenda since the last bundle)</source>
        <translation>
            <numerusform>准备补充说明数据包（上次数据包之后有 %n 条补充说明）</numerusform>
        </translation>
    </message>
    <message>
        <source>Prepare the bundle for signing</source>
        <translation>准备待签名的数据包</translation>
    </message>
    <message>
        <source>The organisation&apos;s recipient (age1…)</source>
        <translation>评价组织的接收方公钥（age1…）</translation>
    </message>
    <message>
        <source>This terminal&apos;s terminal.key</source>
        <translation>本终端的 terminal.key</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <source>Prepare the bundle</source>
        <translation>准备数据包</translation>
    </message>
    <message>
        <source>Prepare the addendum bundle</source>
        <translation>准备补充说明数据包</translation>
    </message>
    <message>
        <source>Choose your key file</source>
        <translation>选择您的密钥文件</translation>
    </message>
    <message>
        <source>Key files (*.key)</source>
        <translation>密钥文件 (*.key)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Your key file</source>
        <translation>您的密钥文件</translation>
    </message>
    <message>
        <source>supervisor.key, or evaluator.NAME.key for an evaluator</source>
        <translation>supervisor.key；考评员为 evaluator.姓名.key</translation>
    </message>
    <message>
        <source>Bundle file</source>
        <translation>数据包文件</translation>
    </message>
    <message>
        <source>Empty: Documents/ExamSite/SESSION.age</source>
        <translation>留空则保存为 文档/ExamSite/场次.age</translation>
    </message>
</context>
<context>
    <name>TerminalsPanel</name>
    <message>
        <source>Terminals</source>
        <translation>终端</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n online</source>
        <translation>
            <numerusform>%n 台中 %1 台在线</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (this one)</source>
        <translation>%1（本机）</translation>
    </message>
    <message>
        <source>%1 · room %2</source>
        <translation>%1 · 考场 %2</translation>
    </message>
    <message>
        <source>last seen %1</source>
        <translation>最后在线 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n kiosk(s) hold check-ins the site server refused: see below</source>
        <translation>
            <numerusform>%n 台签到机有被考点服务器拒收的签到：见下方列表</numerusform>
        </translation>
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
    <name>WaitingForServer</name>
    <message>
        <source>ExamSite check-in</source>
        <translation>ExamSite 考生签到</translation>
    </message>
    <message>
        <source>Site server unreachable, reconnecting…</source>
        <translation>考点服务器无法连接，正在重新连接…</translation>
    </message>
    <message>
        <source>Check-in opens on its own as soon as the site server answers. Candidates: please wait or ask a proctor.</source>
        <translation>考点服务器恢复连接后，签到将自动开始。请考生稍候，或联系监考员。</translation>
    </message>
    <message>
        <source>Attempt %1 failed; next attempt in %2 s.</source>
        <translation>第 %1 次连接失败，%2 秒后重试。</translation>
    </message>
    <message>
        <source>Trying again…</source>
        <translation>正在重试…</translation>
    </message>
    <message>
        <source>For IT staff: site server %1; the reason of each attempt is in the kiosk&apos;s log (journalctl -u examsite-kiosk).</source>
        <extracomment>For the site&apos;s IT staff: the server&apos;s address (no password) and where the reason is logged.</extracomment>
        <translation>技术人员请注意：考点服务器 %1；每次连接失败的原因见签到终端日志（journalctl -u examsite-kiosk）。</translation>
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
    <name>examsite::CandidateListModel</name>
    <message>
        <source>%1 · %2</source>
        <comment>room code, then the number on the seat&apos;s desk</comment>
        <translation>%1 · %2</translation>
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
        <source>The admission could not be saved: %1</source>
        <translation>放行记录未能保存：%1</translation>
    </message>
    <message>
        <source>Check-in for this session has not opened yet. Please wait: a proctor opens it on the console (Operations).</source>
        <translation>本场次尚未开放签到。请稍候：监考老师将在管理台的“考务操作”页面开放签到。</translation>
    </message>
    <message>
        <source>Session status: %1. Nobody is checked in or admitted any more. Please see a proctor.</source>
        <translation>场次状态：%1。已不再签到或放行考生。请联系监考老师。</translation>
    </message>
    <message>
        <source>Type at least %1 characters of your ticket or ID number.</source>
        <translation>请至少输入准考证号或身份证号的 %1 位。</translation>
    </message>
    <message>
        <source>Hold still, comparing with the photo on your ID card…</source>
        <translation>请保持不动，正在与您身份证上的照片比对…</translation>
    </message>
    <message>
        <source>Show both eyes: hair aside, no shiny glasses. Then blink</source>
        <translation>请拨开头发、摘下反光眼镜，露出双眼后眨眼</translation>
    </message>
    <message>
        <source>not an admission ticket of this site</source>
        <translation>不是本考点的准考证</translation>
    </message>
    <message>
        <source>The camera sends no picture.</source>
        <translation>摄像头没有画面。</translation>
    </message>
    <message>
        <source>Late entry closed at %1: only a proctor can admit this candidate now, with a reason.</source>
        <translation>入场截止时间 %1 已过：现在只能由监考员填写原因后准许该考生入场。</translation>
    </message>
    <message>
        <source>Face verification is not available on this terminal (%1).</source>
        <translation>本终端无法进行人脸核验（%1）。</translation>
    </message>
    <message>
        <source>This candidate&apos;s registered photo cannot be used for face verification (%1).</source>
        <translation>该考生的登记照片无法用于人脸核验（%1）。</translation>
    </message>
    <message>
        <source>This face has already checked in under ticket %1.</source>
        <translation>此人脸已使用准考证号 %1 签到。</translation>
    </message>
    <message>
        <source>This face matches another registered candidate (ticket %1) better.</source>
        <translation>此人脸与另一名考生（准考证号 %1）更相似。</translation>
    </message>
    <message>
        <source>This candidate&apos;s face could not be matched with the photo on their ID card.</source>
        <translation>该考生的人脸与其身份证照片比对未通过。</translation>
    </message>
    <message>
        <source>This candidate&apos;s face could not be matched with their registered photo.</source>
        <translation>该考生的人脸与其登记照片比对未通过。</translation>
    </message>
    <message>
        <source>This candidate was already checked in at %1 on terminal %2.</source>
        <translation>该考生已于 %1 在终端 %2 签到。</translation>
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
    <message numerus="yes">
        <source>%n alert(s) acknowledged by %1.</source>
        <translation>
            <numerusform>%1 已确认 %n 条告警。</numerusform>
        </translation>
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
    <message>
        <source>Watched by another terminal, so not shown here: %1</source>
        <translation>以下摄像头由其他终端监控，此处不显示：%1</translation>
    </message>
    <message numerus="yes">
        <source>The site server does not answer: %n camera change(s) held, recorded when it answers.</source>
        <translation>
            <numerusform>考点服务器无响应：%n 条摄像头状态变化已暂存，服务器恢复后即写入。</numerusform>
        </translation>
    </message>
    <message>
        <source>The site server answers again: the held camera changes are recorded.</source>
        <translation>考点服务器已恢复：暂存的摄像头状态变化已写入。</translation>
    </message>
    <message numerus="yes">
        <source>%n camera change(s) could not be recorded: the site server did not answer before the cameras were reloaded.</source>
        <translation>
            <numerusform>%n 条摄像头状态变化未能写入：重新加载摄像头前考点服务器一直无响应。</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not record &quot;%1&quot; for %2: %3</source>
        <translation>无法记录摄像头 %2 的状态“%1”：%3</translation>
    </message>
</context>
<context>
    <name>examsite::IdCardViewModel</name>
    <message>
        <source>The ID card of %1 is not registered for this session. Please ask a proctor.</source>
        <translation>持证人 %1 未登记在本场考试中。请联系监考老师。</translation>
    </message>
    <message>
        <source>The ID card of %1 is registered for session %2, not for this one. Please ask a proctor.</source>
        <translation>持证人 %1 登记在场次 %2，不在本场考试中。请联系监考老师。</translation>
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
        <translation>本终端无法读取此类证件。请输入准考证号，或联系监考老师。</translation>
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
    <message>
        <source>Photo on the ID card: matches the face (score %1)</source>
        <translation>身份证照片：与本人相符（相似度 %1）</translation>
    </message>
    <message>
        <source>Photo on the ID card: does not match the face (score %1, needs %2)</source>
        <translation>身份证照片：与本人不符（相似度 %1，需达到 %2）</translation>
    </message>
    <message>
        <source>Photo on the ID card: not compared (%1)</source>
        <translation>身份证照片：未比对（%1）</translation>
    </message>
    <message>
        <source>The card could not be read. Place it on the reader again, or type the number on your admission ticket.</source>
        <translation>未能读取证件。请重新放置证件，或输入准考证号。</translation>
    </message>
    <message>
        <source>ID-card reader not ready: type your ticket number</source>
        <translation>身份证阅读器未就绪：请输入准考证号</translation>
    </message>
    <message>
        <source>This candidate&apos;s ID card does not agree with the roster.</source>
        <translation>该考生的身份证信息与考生名单不一致。</translation>
    </message>
    <message>
        <source>This candidate&apos;s ID card expired on %1.</source>
        <translation>该考生的身份证已于 %1 过期。</translation>
    </message>
    <message>
        <source>This candidate&apos;s ID card is valid only from %1.</source>
        <translation>该考生的身份证自 %1 起才生效。</translation>
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
    <message>
        <source>Line %1</source>
        <translation>第 %1 行</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1，%2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1: %2 (expected %3)</source>
        <translation>%1：%2（应为：%3）</translation>
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
        <translation>异常记录 %1 已补记。</translation>
    </message>
    <message>
        <source>Session status: %1. Its record is frozen: incidents can no longer be recorded or amended; a correction is a signed addendum (Addenda tab).</source>
        <translation>场次状态：%1。记录已冻结，不能再记录或补记异常事件；如需更正，请添加签名的补充说明（“补充说明”标签页）。</translation>
    </message>
</context>
<context>
    <name>examsite::PhotoViewModel</name>
    <message>
        <source>The photo of %1 was replaced; the face check uses the new one from now on.</source>
        <translation>%1 的照片已替换；此后人脸核验使用新照片。</translation>
    </message>
    <message>
        <source>The photo of %1 was removed; at the kiosk a proctor checks this candidate by hand.</source>
        <translation>%1 的照片已删除；在签到终端由监考人员人工核验该考生。</translation>
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
        <source>sealing addenda to a sealed session</source>
        <translation>封存已封存场次的补充说明</translation>
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
    <message>
        <source>backing up the site</source>
        <translation>备份考点数据</translation>
    </message>
    <message>
        <source>rescheduling sessions</source>
        <translation>调整场次时间</translation>
    </message>
    <message>
        <source>replacing a registered photo</source>
        <translation>更换登记照片</translation>
    </message>
    <message>
        <source>seating late additions and assigning seats by hand</source>
        <translation>为补录考生安排座位及手动安排座位</translation>
    </message>
    <message>
        <source>seeing the site&apos;s terminals</source>
        <translation>查看考点终端</translation>
    </message>
    <message>
        <source>forgetting a terminal&apos;s key</source>
        <translation>注销终端密钥</translation>
    </message>
    <message>
        <source>printing seat plans, door lists and sign-in sheets</source>
        <translation>打印座位表、考场名单和签到表</translation>
    </message>
    <message>
        <source>exporting the event log</source>
        <translation>导出事件日志</translation>
    </message>
    <message>
        <source>writing the session report</source>
        <translation>生成场次报告</translation>
    </message>
    <message>
        <source>choosing the session this terminal checks candidates in to</source>
        <translation>选择本终端签到所用的场次</translation>
    </message>
</context>
<context>
    <name>examsite::ProctorOverrideViewModel</name>
    <message>
        <source>Write down why you admit this candidate.</source>
        <translation>请填写准许该考生入场的原因。</translation>
    </message>
    <message>
        <source>The site server cannot be reached. Try again when the notice above is gone.</source>
        <translation>无法连接考点服务器。请在上方提示消失后重试。</translation>
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
    <message>
        <source>Enter your username and password.</source>
        <translation>请输入用户名和密码。</translation>
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
        <translation>登记照片与本人差异较大</translation>
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
    <name>examsite::ScheduleViewModel</name>
    <message>
        <source>Session %1 already has these times; nothing changed.</source>
        <translation>场次 %1 已是这些时间，未作更改。</translation>
    </message>
    <message>
        <source>Session %1 now runs on %2, %3–%4, late entry until %5.</source>
        <translation>场次 %1 已调整为 %2 %3–%4，迟到截止 %5。</translation>
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
        <translation>考核项目：至少填写一项，格式为 名称:满分[:合格分][:double]。</translation>
    </message>
    <message>
        <source>Nobody has checked in yet: nobody to score.</source>
        <translation>尚无考生签到，暂无可评分的考生。</translation>
    </message>
    <message numerus="yes">
        <source>Fully scored: %1 of %n candidate(s) (a final score for every task)</source>
        <translation>
            <numerusform>评分进度：已评完 %1/%n 名考生（每项任务均有最终成绩）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (and %n result(s) voided)</source>
        <translation>
            <numerusform>，另有 %n 名考生成绩作废</numerusform>
        </translation>
    </message>
    <message>
        <source>By task: %1</source>
        <translation>各任务：%1</translation>
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
        <translation>已输出到 %1：座位表、考场名单、签到表和准考证（PDF）。</translation>
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
    <message>
        <source>%1 %2: room %3, seat %4</source>
        <translation>%1 %2：考场 %3，%4 号座位</translation>
    </message>
    <message>
        <source>Every candidate has a seat.</source>
        <translation>所有考生都已有座位。</translation>
    </message>
    <message>
        <source>Seated: %1. Nobody else moved; re-print the plans of the rooms concerned.</source>
        <translation>已安排：%1。其他考生座位不变；请重新打印相关考场的座位表。</translation>
    </message>
    <message>
        <source>%1 is out of service; nobody had to move. Re-print the seat plan of room %2.</source>
        <translation>%1 已停用；无考生需要调座。请重新打印考场 %2 的座位表。</translation>
    </message>
    <message>
        <source>%1 is out of service. %2. Re-print the seat plans, door lists and sign-in sheets of rooms %3.</source>
        <translation>%1 已停用。%2。请重新打印考场 %3 的座位表、考场名单和签到表。</translation>
    </message>
    <message>
        <source>Printed to %1: seat plans, door lists, sign-in sheets, admission tickets and the commitment notice (PDF).</source>
        <translation>已打印到 %1：座位表、考场名单、签到表、准考证和承诺公告（PDF）。</translation>
    </message>
    <message>
        <source>Choose a printer first (none is set up: add one in CUPS, then refresh the list).</source>
        <translation>请先选择打印机（尚未设置打印机：请在 CUPS 中添加后刷新列表）。</translation>
    </message>
    <message numerus="yes">
        <source>Sent %n page(s) to printer %1.</source>
        <translation>
            <numerusform>已向打印机 %1 发送 %n 页。</numerusform>
        </translation>
    </message>
    <message>
        <source>Say why the seat is assigned by hand.</source>
        <translation>请说明手动分配座位的原因。</translation>
    </message>
    <message>
        <source>%1 %2: room %3, seat %4 (row %5, column %6)</source>
        <translation>%1 %2：考场 %3，%4 号座位（第 %5 排第 %6 列）</translation>
    </message>
    <message>
        <source>%1, moved from room %2 seat %3. Re-print the seat plans, door lists and sign-in sheets of rooms %4.</source>
        <translation>%1，从考场 %2 的 %3 号座位调来。请重新打印考场 %4 的座位表、考场名单和签到表。</translation>
    </message>
    <message>
        <source>%1, assigned by hand. Re-print the seat plan, door list and sign-in sheet of room %2.</source>
        <translation>%1，已手动分配。请重新打印考场 %2 的座位表、考场名单和签到表。</translation>
    </message>
</context>
<context>
    <name>examsite::SessionScopedViewModel</name>
    <message>
        <source>Sign in first.</source>
        <translation>请先登录。</translation>
    </message>
    <message>
        <source>Session status: %1. Its record is frozen and no longer changes; a correction is a signed addendum (Addenda tab).</source>
        <translation>场次状态：%1。记录已冻结，不再更改；如需更正，请添加签名的补充说明（“补充说明”标签页）。</translation>
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
    <message numerus="yes">
        <source>%n kiosk(s) not heard from in the last minutes: %1. A kiosk cut off from the site server keeps the check-ins it could not store until it is back, and they are refused once the session is closed: check the kiosks named first.</source>
        <translation>
            <numerusform>%n 台签到终端最近几分钟没有响应：%1。与考点服务器断开的签到终端会保留未能保存的签到记录，直到重新连上；场次关闭后，这些记录将被拒绝。请先检查上述签到终端。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>examsite::SigningViewModel</name>
    <message>
        <source>Terminal</source>
        <translation>终端</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>监考</translation>
    </message>
    <message>
        <source>Evaluator</source>
        <translation>考评员</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Addendum #%1 (bundle #%2) of %3, prepared %4 by %5. It is written to %6 once every signer has signed.</source>
        <translation>%3 的第 %1 号补充说明（数据包 #%2），由 %5 于 %4 准备；所有签名人签名后写入 %6。</translation>
    </message>
    <message>
        <source>Bundle #%1 of %2, prepared %3 by %4. It is written to %5 once every signer has signed.</source>
        <translation>%2 的数据包 #%1，由 %4 于 %3 准备；所有签名人签名后写入 %5。</translation>
    </message>
    <message>
        <source>key %1</source>
        <translation>密钥 %1</translation>
    </message>
    <message>
        <source>key %1, %2</source>
        <translation>密钥 %1，%2</translation>
    </message>
    <message>
        <source>with key %1 (the one that signed the score sheet)</source>
        <translation>须用密钥 %1（签署评分表的密钥）</translation>
    </message>
    <message>
        <source>Enter the organisation&apos;s recipient (age1…) the bundle is encrypted to.</source>
        <translation>请输入加密数据包所用的评价组织接收方公钥（age1…）。</translation>
    </message>
    <message>
        <source>This terminal has no key loaded: choose its terminal.key and enter its passphrase.</source>
        <translation>本终端未加载密钥：请选择其 terminal.key 并输入口令。</translation>
    </message>
    <message>
        <source>Addendum bundle prepared (addendum #%1).</source>
        <translation>补充说明数据包已准备（第 %1 号补充说明）。</translation>
    </message>
    <message>
        <source>Bundle #%1 prepared.</source>
        <translation>数据包 #%1 已准备。</translation>
    </message>
    <message>
        <source>Signers on other devices sign its manifest: %1.</source>
        <translation>在其他设备上签名的人签署其清单：%1。</translation>
    </message>
    <message>
        <source>%1: cannot write the manifest&apos;s copy: %2</source>
        <translation>%1：无法写入清单副本：%2</translation>
    </message>
    <message>
        <source>Still to sign: %1.</source>
        <translation>尚待签名：%1。</translation>
    </message>
    <message>
        <source>Choose who signs.</source>
        <translation>请选择签名人。</translation>
    </message>
    <message>
        <source>Choose the signer&apos;s key file.</source>
        <translation>请选择签名人的密钥文件。</translation>
    </message>
    <message>
        <source>the console</source>
        <translation>本机</translation>
    </message>
    <message>
        <source>Choose the signature file (.minisig).</source>
        <translation>请选择签名文件（.minisig）。</translation>
    </message>
    <message>
        <source>%1: cannot read it: %2</source>
        <translation>%1：无法读取：%2</translation>
    </message>
    <message>
        <source>%1 signed. Every signer has signed: the bundle is written to %2 (SHA-256 %3); queue it for upload.</source>
        <translation>%1 已签名。所有签名人均已签名：数据包已写入 %2（SHA-256 %3）；请将其加入上传队列。</translation>
    </message>
    <message>
        <source>%1 signed. Still to sign: %2.</source>
        <translation>%1 已签名。尚待签名：%2。</translation>
    </message>
    <message>
        <source>The trust file cannot be used: %1</source>
        <translation>信任文件无法使用：%1</translation>
    </message>
    <message>
        <source>“%1” is not an age recipient: it is the one line starting age1… that the organisation gave you. Check the copy.</source>
        <translation>“%1”不是 age 接收方公钥：应为评价组织提供的、以 age1… 开头的一行。请检查复制的内容。</translation>
    </message>
    <message>
        <source>The file that was there before is kept as %1.</source>
        <translation>原有文件已另存为 %1。</translation>
    </message>
</context>
<context>
    <name>examsite::TerminalListModel</name>
    <message>
        <source>Check-in kiosk</source>
        <translation>签到终端</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>管理控制台</translation>
    </message>
    <message>
        <source>Command line</source>
        <translation>命令行</translation>
    </message>
    <message>
        <source>Camera watch</source>
        <translation>摄像头监控</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message numerus="yes">
        <source>Not seen for %n minute(s)</source>
        <translation>
            <numerusform>%n 分钟未响应</numerusform>
        </translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message numerus="yes">
        <source>%n held check-in(s) refused by the site server or unreadable, in this kiosk&apos;s outbox: a proctor admits those candidates by hand</source>
        <translation>
            <numerusform>本签到机暂存的 %n 条签到被考点服务器拒收或无法读取，保存在其待发目录中：请监考员为这些考生手工办理入场</numerusform>
        </translation>
    </message>
    <message>
        <source>admitted by %1 on %2 at %3</source>
        <translation>%3 由 %1 在 %2 放行</translation>
    </message>
    <message>
        <source>failed face check on %1 at %2</source>
        <translation>%2 在 %1 人脸核验未通过</translation>
    </message>
    <message>
        <source>checked in on %1 at %2</source>
        <translation>%2 在 %1 签到</translation>
    </message>
    <message>
        <source>%1 %2 (session %3) · %4 · refused: %5</source>
        <translation>%1 %2（场次 %3）· %4 · 被拒绝：%5</translation>
    </message>
    <message>
        <source>More on the command line: examsite checkin refused --as USER</source>
        <translation>更多记录请在命令行查看：examsite checkin refused --as 用户名</translation>
    </message>
</context>
</TS>
