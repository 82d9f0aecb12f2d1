<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="id_ID">
<context>
    <name>Actions</name>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="32" />
        <source>&amp;New project…</source>
        <translation>Proyek &amp;baru…</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="33" />
        <source>&amp;Open project…</source>
        <translation>&amp;Buka proyek…</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="34" />
        <source>&amp;Add recordings…</source>
        <translation>&amp;Tambah rekaman…</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="35" />
        <source>&amp;Quit</source>
        <translation>&amp;Keluar</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="36" />
        <source>&amp;Undo</source>
        <translation>&amp;Urungkan</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="37" />
        <source>&amp;Redo</source>
        <translation>&amp;Ulangi</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="38" />
        <source>&amp;Find and replace…</source>
        <translation>&amp;Cari dan ganti…</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="39" />
        <source>&amp;Split segment at cursor</source>
        <translation>&amp;Pisah segmen di kursor</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="40" />
        <source>&amp;Merge with next segment</source>
        <translation>&amp;Gabung dengan segmen berikutnya</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="41" />
        <source>Mark segment &amp;verified</source>
        <translation>Tandai segmen &amp;terverifikasi</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="42" />
        <source>Next &amp;doubtful word</source>
        <translation>Kata &amp;meragukan berikutnya</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="44" />
        <source>Next &amp;unverified segment</source>
        <translation>Segmen &amp;belum terverifikasi berikutnya</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="46" />
        <source>Set segment &amp;speaker…</source>
        <translation>Atur &amp;pembicara segmen…</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="47" />
        <source>Re&amp;name a speaker…</source>
        <translation>&amp;Ganti nama pembicara…</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="48" />
        <source>Segment starts earlier</source>
        <translation>Segmen mulai lebih awal</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="49" />
        <source>Segment starts later</source>
        <translation>Segmen mulai lebih lambat</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="50" />
        <source>Segment ends earlier</source>
        <translation>Segmen berakhir lebih awal</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="51" />
        <source>Segment ends later</source>
        <translation>Segmen berakhir lebih lambat</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="52" />
        <source>&amp;Preferences…</source>
        <translation>&amp;Preferensi…</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="53" />
        <source>&amp;Play / pause</source>
        <translation>&amp;Putar / jeda</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="54" />
        <source>Skip &amp;back</source>
        <translation>&amp;Mundur</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="55" />
        <source>Skip &amp;forward</source>
        <translation>&amp;Maju</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="56" />
        <source>S&amp;lower</source>
        <translation>Lebih &amp;lambat</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="57" />
        <source>F&amp;aster</source>
        <translation>Lebih &amp;cepat</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="58" />
        <source>&amp;Loop segment</source>
        <translation>&amp;Ulangi segmen</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="59" />
        <source>F&amp;ollow playback</source>
        <translation>&amp;Ikuti pemutaran</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="60" />
        <source>&amp;Transcribe this recording</source>
        <translation>&amp;Transkripsi rekaman ini</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="61" />
        <source>Transcribe &amp;all recordings</source>
        <translation>Transkripsi &amp;semua rekaman</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="62" />
        <source>&amp;Cancel transcriptions</source>
        <translation>&amp;Batalkan transkripsi</translation>
    </message>
</context>
<context>
    <name>FindReplaceDialog</name>
    <message>
        <location filename="../../src/annotator/ui/dialogs/find_replace.py" line="25" />
        <source>Find and replace</source>
        <translation>Cari dan ganti</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/find_replace.py" line="28" />
        <source>Match case</source>
        <translation>Cocokkan huruf besar/kecil</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/find_replace.py" line="29" />
        <source>Whole words</source>
        <translation>Kata utuh</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/find_replace.py" line="33" />
        <source>Find:</source>
        <translation>Cari:</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/find_replace.py" line="34" />
        <source>Replace with:</source>
        <translation>Ganti dengan:</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/find_replace.py" line="38" />
        <source>Find next</source>
        <translation>Cari berikutnya</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/find_replace.py" line="39" />
        <source>Replace all</source>
        <translation>Ganti semua</translation>
    </message>
</context>
<context>
    <name>JobsPanel</name>
    <message>
        <location filename="../../src/annotator/ui/jobs/panel.py" line="42" />
        <source>No transcription running.</source>
        <translation>Tidak ada transkripsi yang berjalan.</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/jobs/panel.py" line="79" />
        <source>waiting</source>
        <translation>menunggu</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/jobs/panel.py" line="80" />
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/jobs/panel.py" line="92" />
        <source>{time} left</source>
        <translation>sisa {time}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/annotator/ui/jobs/panel.py" line="93" />
        <source>%n segment(s)</source>
        <translation>
            <numerusform>%n segmen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/jobs/panel.py" line="107" />
        <source>done</source>
        <translation>selesai</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/jobs/panel.py" line="108" />
        <source>cancelled</source>
        <translation>dibatalkan</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/jobs/panel.py" line="109" />
        <source>failed</source>
        <translation>gagal</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../src/annotator/ui/main_window.py" line="83" />
        <source>Transcriptions</source>
        <translation>Transkripsi</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/main_window.py" line="144" />
        <source>&amp;File</source>
        <translation>&amp;Berkas</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/main_window.py" line="145" />
        <source>&amp;Edit</source>
        <translation>&amp;Sunting</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/main_window.py" line="146" />
        <source>&amp;Playback</source>
        <translation>&amp;Putar</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/main_window.py" line="147" />
        <source>&amp;Transcribe</source>
        <translation>&amp;Transkripsi</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/main_window.py" line="155" />
        <source>Open &amp;recent</source>
        <translation>Buka yang &amp;terakhir</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/main_window.py" line="173" />
        <source>Cannot open project</source>
        <translation>Proyek tidak dapat dibuka</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/main_window.py" line="225" />
        <source>Media file not found: {path}</source>
        <translation>Berkas media tidak ditemukan: {path}</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/main_window.py" line="253" />
        <source>{share:.0f}% of this recording verified</source>
        <translation>{share:.0f}% rekaman ini sudah diverifikasi</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/main_window.py" line="257" />
        <source>Annotator</source>
        <translation>Annotator</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/main_window.py" line="260" />
        <source>{name} - Annotator</source>
        <translation>{name} - Annotator</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/main_window.py" line="265" />
        <source>Open project</source>
        <translation>Buka proyek</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/main_window.py" line="265" />
        <location filename="../../src/annotator/ui/main_window.py" line="272" />
        <source>Annotator projects (*.annotator)</source>
        <translation>Proyek Annotator (*.annotator)</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/main_window.py" line="272" />
        <source>New project</source>
        <translation>Proyek baru</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/main_window.py" line="279" />
        <source>Cannot create project</source>
        <translation>Proyek tidak dapat dibuat</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/main_window.py" line="285" />
        <source>Open or create a project first.</source>
        <translation>Buka atau buat proyek terlebih dahulu.</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/main_window.py" line="288" />
        <source>Add recordings</source>
        <translation>Tambah rekaman</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/main_window.py" line="288" />
        <source>Audio and video ({patterns})</source>
        <translation>Audio dan video ({patterns})</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/main_window.py" line="298" />
        <source>Cannot add recordings</source>
        <translation>Rekaman tidak dapat ditambahkan</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/annotator/ui/main_window.py" line="301" />
        <source>Added %n recording(s).</source>
        <translation>
            <numerusform>%n rekaman ditambahkan.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/main_window.py" line="361" />
        <source>Speaker</source>
        <translation>Pembicara</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/main_window.py" line="361" />
        <source>Speaker of this segment:</source>
        <translation>Pembicara segmen ini:</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/main_window.py" line="369" />
        <source>This transcript has no speakers yet.</source>
        <translation>Transkrip ini belum memiliki pembicara.</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/main_window.py" line="371" />
        <location filename="../../src/annotator/ui/main_window.py" line="376" />
        <source>Rename a speaker</source>
        <translation>Ganti nama pembicara</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/main_window.py" line="371" />
        <source>Speaker:</source>
        <translation>Pembicara:</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/main_window.py" line="377" />
        <source>New name for {label} in the whole recording:</source>
        <translation>Nama baru untuk {label} di seluruh rekaman:</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/main_window.py" line="406" />
        <source>Every recording is transcribed.</source>
        <translation>Semua rekaman sudah ditranskripsi.</translation>
    </message>
</context>
<context>
    <name>Margin</name>
    <message>
        <location filename="../../src/annotator/ui/transcript/margin.py" line="37" />
        <source>Click a time to play from there</source>
        <translation>Klik waktu untuk memutar dari titik itu</translation>
    </message>
</context>
<context>
    <name>PlayerBar</name>
    <message>
        <location filename="../../src/annotator/ui/player/bar.py" line="62" />
        <source>Play position</source>
        <translation>Posisi putar</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/player/bar.py" line="69" />
        <source>Playback speed (the pitch of the voices stays the same)</source>
        <translation>Kecepatan putar (nada suara tetap sama)</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/player/bar.py" line="70" />
        <source>Playback speed</source>
        <translation>Kecepatan putar</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/player/bar.py" line="73" />
        <source>{speed}×</source>
        <translation>{speed}×</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/player/bar.py" line="77" />
        <source>Loop segment</source>
        <translation>Ulangi segmen</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/player/bar.py" line="78" />
        <source>Play the segment under the play position over and over</source>
        <translation>Putar segmen di posisi putar berulang-ulang</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/player/bar.py" line="87" />
        <location filename="../../src/annotator/ui/player/bar.py" line="88" />
        <source>Volume</source>
        <translation>Volume</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/player/bar.py" line="135" />
        <location filename="../../src/annotator/ui/player/bar.py" line="137" />
        <source>{seconds} s</source>
        <translation>{seconds} dtk</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/player/bar.py" line="136" />
        <source>Back {seconds} seconds</source>
        <translation>Mundur {seconds} detik</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/player/bar.py" line="138" />
        <source>Forward {seconds} seconds</source>
        <translation>Maju {seconds} detik</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/player/bar.py" line="167" />
        <source>{position} / {duration}</source>
        <translation>{position} / {duration}</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/player/bar.py" line="176" />
        <source>Pause</source>
        <translation>Jeda</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/player/bar.py" line="176" />
        <source>Play</source>
        <translation>Putar</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../../src/annotator/ui/dialogs/preferences.py" line="27" />
        <source>Preferences</source>
        <translation>Preferensi</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/preferences.py" line="30" />
        <source> s</source>
        <translation> dtk</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/preferences.py" line="35" />
        <source> s (0: off)</source>
        <translation> dtk (0: mati)</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/preferences.py" line="42" />
        <source>Skip back / forward by:</source>
        <translation>Mundur / maju sejauh:</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/preferences.py" line="43" />
        <source>Step back when playback resumes:</source>
        <translation>Mundur saat pemutaran dilanjutkan:</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/preferences.py" line="44" />
        <source>Mark words below this confidence:</source>
        <translation>Tandai kata dengan keyakinan di bawah:</translation>
    </message>
</context>
<context>
    <name>RecordingsModel</name>
    <message>
        <location filename="../../src/annotator/ui/sidebar/model.py" line="100" />
        <source>Recording</source>
        <translation>Rekaman</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/sidebar/model.py" line="100" />
        <source>Participant</source>
        <translation>Partisipan</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/sidebar/model.py" line="100" />
        <source>Length</source>
        <translation>Durasi</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/sidebar/model.py" line="100" />
        <source>Transcript</source>
        <translation>Transkrip</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/sidebar/model.py" line="121" />
        <source>Residents</source>
        <translation>WBS</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/sidebar/model.py" line="122" />
        <source>Staff</source>
        <translation>Pegawai</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/sidebar/model.py" line="123" />
        <source>Interviewers</source>
        <translation>Pewawancara</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/sidebar/model.py" line="124" />
        <source>Others</source>
        <translation>Lainnya</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/sidebar/model.py" line="147" />
        <source>Media file not found: {path}</source>
        <translation>Berkas media tidak ditemukan: {path}</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/sidebar/model.py" line="157" />
        <source>transcribing…</source>
        <translation>sedang ditranskripsi…</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/sidebar/model.py" line="159" />
        <source>not transcribed</source>
        <translation>belum ditranskripsi</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/sidebar/model.py" line="161" />
        <source>partly, {pct:.0f}% verified</source>
        <translation>sebagian, {pct:.0f}% terverifikasi</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/sidebar/model.py" line="162" />
        <source>{pct:.0f}% verified</source>
        <translation>{pct:.0f}% terverifikasi</translation>
    </message>
</context>
<context>
    <name>ThemesModel</name>
    <message>
        <location filename="../../src/annotator/ui/themes/model.py" line="76" />
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/themes/model.py" line="76" />
        <source>Passages</source>
        <translation>Kutipan</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/annotator/ui/themes/model.py" line="106" />
        <source>%n passage(s) here, %1 with the themes below</source>
        <translation>
            <numerusform>%n kutipan di sini, %1 bersama tema di bawahnya</numerusform></translation>
    </message>
</context>
<context>
    <name>TranscriptEditor</name>
    <message>
        <location filename="../../src/annotator/ui/transcript/editor.py" line="250" />
        <location filename="../../src/annotator/ui/transcript/editor.py" line="267" />
        <source>Edit one segment at a time; to join segments, use Merge.</source>
        <translation>Sunting satu segmen sekaligus; untuk menggabungkan segmen, gunakan Gabung.</translation>
    </message>
</context>
<context>
    <name>TranscriptPanel</name>
    <message>
        <location filename="../../src/annotator/ui/transcript/panel.py" line="60" />
        <source>Edit text</source>
        <translation>Sunting teks</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/transcript/panel.py" line="63" />
        <source>Split segment</source>
        <translation>Pisah segmen</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/transcript/panel.py" line="65" />
        <source>Merge segments</source>
        <translation>Gabung segmen</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/transcript/panel.py" line="69" />
        <source>Choose a recording on the left to see its transcript.</source>
        <translation>Pilih rekaman di sebelah kiri untuk melihat transkripnya.</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/transcript/panel.py" line="98" />
        <source>&lt;b&gt;{title}&lt;/b&gt; — no transcript yet: Transcribe (Ctrl+T) makes one.</source>
        <translation>&lt;b&gt;{title}&lt;/b&gt; — belum ada transkrip: Transkripsi (Ctrl+T) akan membuatnya.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/annotator/ui/transcript/panel.py" line="105" />
        <source>&lt;b&gt;{title}&lt;/b&gt; — %n segment(s), {share:.0f}% verified</source>
        <translation>
            <numerusform>&lt;b&gt;{title}&lt;/b&gt; — %n segmen, {share:.0f}% terverifikasi</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/transcript/panel.py" line="150" />
        <source>Mark verified</source>
        <translation>Tandai terverifikasi</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/transcript/panel.py" line="150" />
        <source>Mark not verified</source>
        <translation>Tandai belum terverifikasi</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/transcript/panel.py" line="166" />
        <source>“{text}” is not in this transcript.</source>
        <translation>“{text}” tidak ada dalam transkrip ini.</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/transcript/panel.py" line="177" />
        <source>Replace all</source>
        <translation>Ganti semua</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/annotator/ui/transcript/panel.py" line="186" />
        <source>Replaced %n time(s).</source>
        <translation>
            <numerusform>Diganti %n kali.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/transcript/panel.py" line="196" />
        <source>Rename speaker</source>
        <translation>Ganti nama pembicara</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/transcript/panel.py" line="209" />
        <source>Change speaker</source>
        <translation>Ganti pembicara</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/transcript/panel.py" line="219" />
        <source>Move segment boundary</source>
        <translation>Geser batas segmen</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/transcript/panel.py" line="262" />
        <source>Nothing left to check here.</source>
        <translation>Tidak ada lagi yang perlu diperiksa di sini.</translation>
    </message>
</context>
<context>
    <name>WaveformView</name>
    <message>
        <location filename="../../src/annotator/ui/player/waveform.py" line="36" />
        <source>Click or drag to move the play position</source>
        <translation>Klik atau seret untuk memindahkan posisi putar</translation>
    </message>
</context>
</TS>