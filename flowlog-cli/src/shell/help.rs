//! The shell's `\?` text, in English or, when the locale says Japanese, in Japanese.

/// The help in English.
const ENGLISH: &str = "\
Statements end at ';' and may span lines; the result of each query is printed.
  \\d               list the tables
  \\d TABLE         the columns of TABLE (DESCRIBE TABLE)
  \\preview TABLE   the first 10 rows of TABLE (Athena's \"Preview table\")
  \\timing [on|off] print how long each statement took
  \\format [NAME]   output format: table, csv, tsv, json (no NAME: show it)
  \\o FILE          write each following result to FILE (replaced each time)
  \\o               write results to the terminal again
  \\i FILE          run the statements in FILE
  \\?               this help
  \\q               quit (also Ctrl-D)
Tab completes tables, columns, functions and keywords. Ctrl-C cancels the running
query (or the line being typed), not the shell. History is kept in {history}.
";

/// The help in Japanese.
const JAPANESE: &str = "\
文は ';' で終わり、複数行にまたがってもかまいません。クエリごとに結果を表示します。
  \\d               テーブルの一覧
  \\d TABLE         TABLE の列 (DESCRIBE TABLE)
  \\preview TABLE   TABLE の先頭 10 行 (Athena の「テーブルをプレビュー」)
  \\timing [on|off] 各文にかかった時間を表示する
  \\format [NAME]   出力形式: table, csv, tsv, json (NAME なし: 現在の形式を表示)
  \\o FILE          以降の結果を FILE に書く (クエリごとに置き換え)
  \\o               結果の出力先を端末に戻す
  \\i FILE          FILE の文を実行する
  \\?               このヘルプ
  \\q               終了 (Ctrl-D でも可)
Tab キーでテーブル名・列名・関数名・キーワードを補完します。Ctrl-C は実行中の
クエリ (または入力中の行) を取り消し、シェルは終了しません。履歴は {history} に保存します。
";

/// Whether the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`, the first one set) is Japanese.
pub(crate) fn japanese() -> bool {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
        .is_some_and(|locale| locale.starts_with("ja"))
}

/// The help in the user's language, naming the history file.
pub(crate) fn text(history: &str) -> String {
    let template = if japanese() { JAPANESE } else { ENGLISH };
    template.replace("{history}", history)
}

/// The greeting printed when the shell opens.
pub(crate) fn greeting() -> &'static str {
    if japanese() {
        "flowlog シェル: \\? でヘルプ、\\q で終了。"
    } else {
        "flowlog shell: \\? for help, \\q to quit."
    }
}
