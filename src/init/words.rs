//! The words `cuaderno init` writes for each language it knows: the vocabulary of site.toml
//! (labels, phase names, table headers, as the FastTrack playbook writes them) and the text of
//! the starter pages. A language not listed here is added to site.toml by hand.

/// One language's words.
pub struct Words {
    pub code: &'static str,
    pub name: &'static str,
    /// File-name suffix of its pages when it is not the default language (whose pages have none).
    pub suffix: &'static str,
    pub phase_label: &'static str,
    pub role_label: &'static str,
    pub motions_label: &'static str,
    pub applies_to_label: &'static str,
    pub task_id: &'static str,
    /// The other task-table headers: name, M/O, role, services.
    pub task_headers: [&'static str; 4],
    pub mandatory: &'static str,
    pub optional: &'static str,
    pub refresh: &'static str,
    /// Refresh-table headers: date, who, what.
    pub refresh_headers: [&'static str; 3],
    pub first_version: &'static str,
    /// Phase names, in the order of [`PHASES`].
    pub phases: [&'static str; 6],
    pub home_title: &'static str,
    pub home_intro: &'static str,
    pub lifecycle: &'static str,
    pub overview: &'static str,
    pub approach: &'static str,
    pub ftop_tasks: &'static str,
    /// Per phase: the page's H1, its overview sentence, the step's heading, and its task.
    pub pages: [[&'static str; 4]; 6],
    pub role: &'static str,
    pub motions: &'static str,
    pub all_services: &'static str,
    /// The step's instruction, the same on every page.
    pub step_text: &'static str,
}

/// Phase ids in lifecycle order, and the file-name stem of each phase's page.
pub const PHASES: [(&str, &str); 6] = [
    ("initiate", "initiate-kick-off"),
    ("assess", "assess-assessment"),
    ("remediate", "remediate-close-gaps"),
    ("enable", "enable-services"),
    ("migrate", "migrate-content"),
    ("success", "success-review"),
];

pub fn find(code: &str) -> Option<&'static Words> {
    ALL.iter().find(|w| w.code.eq_ignore_ascii_case(code))
}

/// The words of the same language (`zh` of `zh-cn` finds `zh-Hans`), whatever the region.
pub fn find_language(code: &str) -> Option<&'static Words> {
    let subtag = |c: &str| c.split('-').next().unwrap_or(c).to_ascii_lowercase();
    ALL.iter().find(|w| subtag(w.code) == subtag(code))
}

pub fn codes() -> Vec<&'static str> {
    ALL.iter().map(|w| w.code).collect()
}

const ALL: [Words; 6] = [EN, ES, DE, PT_BR, JA, ZH_HANS];

const EN: Words = Words {
    code: "en",
    name: "English",
    suffix: "-en",
    phase_label: "Phase",
    role_label: "Primary Role",
    motions_label: "Motions",
    applies_to_label: "Applies To",
    task_id: "Task ID",
    task_headers: ["Task Name", "(M)andatory / (O)ptional", "FastTrack Role", "Services"],
    mandatory: "M",
    optional: "O",
    refresh: "Refresh Summary",
    refresh_headers: ["Date", "Who", "What"],
    first_version: "First version",
    phases: ["Initiate", "Assess", "Remediate", "Enable", "Migrate", "Success"],
    home_title: "Partner Playbook",
    home_intro: "This playbook walks a partner through one customer engagement, phase by phase. Each page says who leads each step and which tasks to record.",
    lifecycle: "The lifecycle",
    overview: "Overview",
    approach: "Approach",
    ftop_tasks: "FTOP Tasks",
    pages: [
        ["Conduct the customer kick-off", "The kick-off is the first meeting with the customer, where the scope and the roles of the engagement are agreed.", "Hold the kick-off meeting", "Hold the kick-off meeting"],
        ["Assess the environment", "The assessment finds out what the customer has today and what must change before the services are turned on.", "Run the assessment", "Run the technical assessment"],
        ["Close the gaps", "Remediation closes the gaps that the assessment found, so that the customer is ready for the next phase.", "Plan the remediation", "Agree on the remediation plan"],
        ["Enable the services", "The services are turned on for a first group of users, and the customer confirms that they work as agreed.", "Turn on the services", "Enable the services for the pilot group"],
        ["Migrate the content", "Mail and files are moved to the new services in waves, and each wave is checked with the customer.", "Move the first wave", "Migrate the first wave"],
        ["Hold the success review", "The success review looks back at how the services are used and agrees on what comes next.", "Review the usage", "Hold the success review"],
    ],
    role: "Engagement Manager",
    motions: "Onboarding",
    all_services: "All services",
    step_text: "Agree on the date with the customer and write down what was decided, so that the whole team can see it.",
};

const ES: Words = Words {
    code: "es",
    name: "Español",
    suffix: "-es",
    phase_label: "Fase",
    role_label: "Rol principal",
    motions_label: "Iniciativas",
    applies_to_label: "Aplicar a",
    task_id: "Id. de tarea",
    task_headers: ["Nombre de la tarea", "(M)andatorio / (O)pcional", "Rol de FastTrack", "Servicios"],
    mandatory: "M",
    optional: "O",
    refresh: "Resumen de actualización",
    refresh_headers: ["Fecha", "Quién", "Qué"],
    first_version: "Primera versión",
    phases: ["Iniciar", "Evaluación", "Corrección", "Habilitación", "Migración", "Éxito"],
    home_title: "Guía para asociados",
    home_intro: "Esta guía acompaña a un asociado durante una interacción con el cliente, fase por fase. Cada página dice quién dirige cada paso y qué tareas se registran.",
    lifecycle: "El ciclo de vida",
    overview: "Descripción general",
    approach: "Enfoque",
    ftop_tasks: "Tareas de FTOP",
    pages: [
        ["Llevar a cabo la reunión de arranque", "La reunión de arranque es la primera con el cliente, y en ella se acuerdan el alcance y los roles de la interacción.", "Celebrar la reunión de arranque", "Celebrar la reunión de arranque"],
        ["Evaluar el entorno", "La evaluación averigua lo que el cliente tiene hoy y lo que se debe cambiar antes de activar los servicios.", "Realizar la evaluación", "Realizar la evaluación técnica"],
        ["Corregir las carencias", "La corrección cierra las carencias que encontró la evaluación, para que el cliente esté listo para la siguiente fase.", "Planear la corrección", "Acordar el plan de corrección"],
        ["Habilitar los servicios", "Los servicios se activan para un primer grupo de usuarios, y el cliente confirma que funcionan como se acordó.", "Activar los servicios", "Habilitar los servicios para el grupo piloto"],
        ["Migrar el contenido", "El correo y los archivos se mueven a los nuevos servicios por etapas, y cada etapa se revisa con el cliente.", "Mover la primera etapa", "Migrar la primera etapa"],
        ["Celebrar la revisión del éxito", "La revisión del éxito repasa cómo se usan los servicios y acuerda lo que viene después.", "Revisar el uso", "Celebrar la revisión del éxito"],
    ],
    role: "Administrador de la interacción",
    motions: "Incorporación",
    all_services: "Todos los servicios",
    step_text: "Acuerde la fecha con el cliente y anote lo que se decidió, para que todo el equipo lo pueda ver.",
};

const DE: Words = Words {
    code: "de",
    name: "Deutsch",
    suffix: "-de",
    phase_label: "Phase",
    role_label: "Primäre Rolle",
    motions_label: "Konzepte",
    applies_to_label: "Gilt für",
    task_id: "Aufgaben-ID",
    task_headers: ["Aufgabenname", "(E)rforderlich / (O)ptional", "FastTrack-Rolle", "Dienste"],
    mandatory: "E",
    optional: "O",
    refresh: "Zusammenfassung der Aktualisierung",
    refresh_headers: ["Datum", "Wer", "Was"],
    first_version: "Erste Version",
    phases: ["Einleitung", "Analyse", "Korrektur", "Aktivierung", "Migration", "Erfolg"],
    home_title: "Partnerleitfaden",
    home_intro: "Dieser Leitfaden begleitet einen Partner durch ein Projekt mit dem Kunden, Phase für Phase. Jede Seite sagt, wer einen Schritt leitet und welche Aufgaben erfasst werden.",
    lifecycle: "Der Lebenszyklus",
    overview: "Übersicht",
    approach: "Vorgehensweise",
    ftop_tasks: "FTOP-Aufgaben",
    pages: [
        ["Das Kick-off mit dem Kunden durchführen", "Das Kick-off ist das erste Treffen mit dem Kunden, bei dem der Umfang und die Rollen des Projekts vereinbart werden.", "Das Kick-off abhalten", "Das Kick-off abhalten"],
        ["Die Umgebung analysieren", "Die Analyse stellt fest, was der Kunde heute hat und was sich ändern muss, bevor die Dienste aktiviert werden.", "Die Analyse durchführen", "Die technische Analyse durchführen"],
        ["Die Lücken schließen", "Die Korrektur schließt die Lücken, die die Analyse gefunden hat, damit der Kunde für die nächste Phase bereit ist.", "Die Korrektur planen", "Den Korrekturplan vereinbaren"],
        ["Die Dienste aktivieren", "Die Dienste werden für eine erste Gruppe von Benutzern aktiviert, und der Kunde bestätigt, dass sie wie vereinbart funktionieren.", "Die Dienste einschalten", "Die Dienste für die Pilotgruppe aktivieren"],
        ["Die Inhalte migrieren", "Mails und Dateien werden in Wellen zu den neuen Diensten verschoben, und jede Welle wird mit dem Kunden geprüft.", "Die erste Welle verschieben", "Die erste Welle migrieren"],
        ["Die Erfolgsbewertung abhalten", "Die Erfolgsbewertung schaut zurück, wie die Dienste genutzt werden, und vereinbart, was als Nächstes kommt.", "Die Nutzung prüfen", "Die Erfolgsbewertung abhalten"],
    ],
    role: "Projektmanager",
    motions: "Onboarding",
    all_services: "Alle Dienste",
    step_text: "Vereinbaren Sie das Datum mit dem Kunden und schreiben Sie auf, was entschieden wurde, damit das ganze Team es sehen kann.",
};

const PT_BR: Words = Words {
    code: "pt-BR",
    name: "Português (Brasil)",
    suffix: "-pt",
    phase_label: "Fase",
    role_label: "Função Principal",
    motions_label: "Iniciativas",
    applies_to_label: "Aplica-se a",
    task_id: "ID da Tarefa",
    task_headers: ["Nome da Tarefa", "(M)andatória / (O)pcional", "Função do FastTrack", "Serviços"],
    mandatory: "M",
    optional: "O",
    refresh: "Resumo de Atualização",
    refresh_headers: ["Data", "Quem", "O quê"],
    first_version: "Primeira versão",
    phases: ["Iniciar", "Avaliar", "Remediar", "Habilitar", "Migrar", "Sucesso"],
    home_title: "Guia do parceiro",
    home_intro: "Este guia acompanha um parceiro durante um projeto com o cliente, fase por fase. Cada página diz quem conduz cada etapa e quais tarefas são registradas.",
    lifecycle: "O ciclo de vida",
    overview: "Visão geral",
    approach: "Abordagem",
    ftop_tasks: "Tarefas do FTOP",
    pages: [
        ["Conduzir a reunião inicial com o cliente", "A reunião inicial é a primeira com o cliente, e nela são acordados o escopo e as funções do projeto.", "Realizar a reunião inicial", "Realizar a reunião inicial"],
        ["Avaliar o ambiente", "A avaliação descobre o que o cliente tem hoje e o que precisa mudar antes de os serviços serem ativados.", "Realizar a avaliação", "Realizar a avaliação técnica"],
        ["Fechar as lacunas", "A correção fecha as lacunas que a avaliação encontrou, para que o cliente esteja pronto para a próxima fase.", "Planejar a correção", "Acordar o plano de correção"],
        ["Habilitar os serviços", "Os serviços são ativados para um primeiro grupo de usuários, e o cliente confirma que eles funcionam como foi acordado.", "Ativar os serviços", "Habilitar os serviços para o grupo piloto"],
        ["Migrar o conteúdo", "Os e-mails e os arquivos são movidos para os novos serviços em ondas, e cada onda é verificada com o cliente.", "Mover a primeira onda", "Migrar a primeira onda"],
        ["Realizar a revisão de sucesso", "A revisão de sucesso olha para como os serviços são usados e acorda o que vem depois.", "Revisar o uso", "Realizar a revisão de sucesso"],
    ],
    role: "Gerente do projeto",
    motions: "Integração",
    all_services: "Todos os serviços",
    step_text: "Combine a data com o cliente e anote o que foi decidido, para que toda a equipe possa ver.",
};

const JA: Words = Words {
    code: "ja",
    name: "日本語",
    suffix: "-ja",
    phase_label: "フェーズ",
    role_label: "主な役割",
    motions_label: "モーション",
    applies_to_label: "適用対象",
    task_id: "タスク ID",
    task_headers: ["タスク名", "必須 (M) / 任意 (O)", "FastTrack の役割", "サービス"],
    mandatory: "M",
    optional: "O",
    refresh: "概要の更新",
    refresh_headers: ["日付", "担当者", "内容"],
    first_version: "最初のバージョン",
    phases: ["開始", "調査", "展開準備", "有効化", "移行", "成功"],
    home_title: "パートナー プレイブック",
    home_intro: "このプレイブックは、顧客との取り組みをフェーズごとに説明します。各ページには、各ステップの担当者と記録するタスクが書かれています。",
    lifecycle: "ライフサイクル",
    overview: "概要",
    approach: "アプローチ",
    ftop_tasks: "FTOP タスク",
    pages: [
        ["顧客とのキックオフを実施する", "キックオフは顧客との最初の会議で、取り組みの範囲と役割を決めます。", "キックオフ会議を開く", "キックオフ会議を開く"],
        ["環境を調査する", "調査では、顧客の現在の環境と、サービスを有効にする前に変更が必要な点を確認します。", "調査を実施する", "技術的な調査を実施する"],
        ["ギャップを解消する", "展開準備では、調査で見つかったギャップを解消し、次のフェーズに備えます。", "展開準備を計画する", "展開準備の計画に合意する"],
        ["サービスを有効にする", "最初のユーザー グループに対してサービスを有効にし、合意どおりに動作することを顧客が確認します。", "サービスをオンにする", "パイロット グループのサービスを有効にする"],
        ["コンテンツを移行する", "メールとファイルを段階的に新しいサービスへ移行し、各段階を顧客と確認します。", "最初の段階を移行する", "最初の段階を移行する"],
        ["成功レビューを開く", "成功レビューでは、サービスの利用状況を振り返り、次に行うことを決めます。", "利用状況を確認する", "成功レビューを開く"],
    ],
    role: "エンゲージメント マネージャー",
    motions: "オンボーディング",
    all_services: "すべてのサービス",
    step_text: "顧客と日程を決め、決まったことをチーム全員が見られるように記録します。",
};

const ZH_HANS: Words = Words {
    code: "zh-Hans",
    name: "简体中文",
    suffix: "-zh",
    phase_label: "阶段",
    role_label: "主要角色",
    motions_label: "行动",
    applies_to_label: "适用于",
    task_id: "任务 ID",
    task_headers: ["任务名称", "必需 (M) / 可选 (O)", "FastTrack 角色", "服务"],
    mandatory: "M",
    optional: "O",
    refresh: "刷新摘要",
    refresh_headers: ["日期", "人员", "内容"],
    first_version: "第一个版本",
    phases: ["启动", "评估", "改进", "启用", "迁移", "成功"],
    home_title: "合作伙伴手册",
    home_intro:
        "本手册按阶段介绍与客户的一次合作。每个页面都说明每个步骤由谁负责，以及需要记录哪些任务。",
    lifecycle: "生命周期",
    overview: "概述",
    approach: "方法",
    ftop_tasks: "FTOP 任务",
    pages: [
        [
            "召开客户启动会议",
            "启动会议是与客户的第一次会议，会上确定合作的范围和角色。",
            "召开启动会议",
            "召开启动会议",
        ],
        [
            "评估环境",
            "评估会了解客户目前的环境，以及在启用服务之前需要改变的地方。",
            "进行评估",
            "进行技术评估",
        ],
        [
            "弥补差距",
            "改进阶段会弥补评估中发现的差距，使客户为下一个阶段做好准备。",
            "规划改进",
            "商定改进计划",
        ],
        [
            "启用服务",
            "先为第一组用户启用服务，并由客户确认服务按约定工作。",
            "打开服务",
            "为试点组启用服务",
        ],
        [
            "迁移内容",
            "邮件和文件分批迁移到新服务，每一批都与客户一起检查。",
            "迁移第一批",
            "迁移第一批",
        ],
        [
            "召开成功回顾",
            "成功回顾会总结服务的使用情况，并商定接下来要做的事情。",
            "查看使用情况",
            "召开成功回顾",
        ],
    ],
    role: "合作经理",
    motions: "入门",
    all_services: "所有服务",
    step_text: "与客户商定日期，并记录决定的事项，让整个团队都能看到。",
};
