#!/usr/bin/env bash
# Synthesizes the speech clips in this folder, with their reference transcripts, from the texts below.
#
# Needs: espeak-ng, sox, ffmpeg   (Debian: apt-get install -y espeak-ng sox libsox-fmt-all ffmpeg)
# Usage: test_audio/make-test-audio.sh
#
# Idempotent: everything is built in a scratch folder with bit-exact encoder settings, and a file in
# test_audio/ is replaced only when its new bytes differ, so a second run changes nothing.
# A text that would not fit its clip length is an error: clips are padded with silence, never cut,
# so each .txt is exactly what is spoken.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
for tool in espeak-ng sox ffmpeg; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "make-test-audio: '$tool' not found; install with: apt-get install -y espeak-ng sox libsox-fmt-all ffmpeg" >&2
    exit 1
  }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/out"

EN_VOICE=en-us; EN_SPEED=160; EN_LONG_SPEED=140
VI_VOICE=vi;    VI_SPEED=150; VI_LONG_SPEED=130   # long clips are read more slowly, to last 3-5 minutes
LEAD_S=0.25     # silence before the speech

# ---------------------------------------------------------------- reference texts (the project's own)

cat > "$work/en_5s.txt" <<'EOF'
The weather today is mild, with light rain expected in the evening.
EOF

cat > "$work/en_30s.txt" <<'EOF'
Our cloud cluster handles speech requests from many small offices. During the morning peak, each server keeps about four workers busy, and the queue rarely grows longer than a few seconds. When traffic doubles, we add two more machines and watch the latency chart. If the slowest requests stay under two seconds, the plan is working. At night, the extra machines are switched off to save money.
EOF

cat > "$work/en_long.txt" <<'EOF'
Planning capacity for a speech service starts with a simple question: how much audio arrives each hour, and how quickly must the answers come back? A small team can measure this in an afternoon. They record a handful of ordinary clips, run them through the service one at a time, and write down how long each one takes. Then they send several clips at once and watch what happens to the waiting time. Most services behave well until the processors are nearly full. After that point, every new request waits behind the others, and the slowest answers grow much faster than the average.

The weather in the hills changes quickly in spring. A bright morning can turn grey before lunch, and a cold wind often follows the rain. Farmers watch the clouds over the western ridge, because a dark line there usually means a storm within the hour. In the valley, the river rises slowly for two days after heavy rain, so the bridge keepers check the water level every evening and write it on a board beside the road.

On Saturday mornings the market opens early. The baker arrives first, carrying trays of warm bread, and the fruit sellers follow with boxes of apples, pears and plums. Children count coins at the honey stall while their parents talk about the price of eggs. By ten in the morning the square is crowded, and the smell of fresh coffee drifts from the small shop on the corner. When the church bell rings at noon, the sellers begin to pack their tables, and the street sweepers wait patiently for the last customers to leave.

Cooking rice well takes less skill than patience. Rinse the grains until the water runs almost clear, then add a little more water than rice and bring the pot to a gentle boil. Turn the heat down, cover the pot, and leave it alone for fifteen minutes. Lifting the lid to look inside lets the steam escape and leaves the top layer hard. When the time is up, turn off the heat and wait five more minutes before stirring.

Back in the data center, the night shift reviews the latency charts. A good week shows a smooth curve that rises in the morning, dips at lunch, and falls away after dinner. A bad week shows sharp spikes, usually when a large batch of long recordings arrives together. The fix is rarely a bigger machine. More often the team splits the long files into shorter pieces, spreads them across several workers, and sets a limit on how many jobs each worker accepts at once. With those changes, the service stays calm even on the busiest days, and nobody has to wake up at three in the morning to restart it.

Tomorrow is expected to be dry and sunny, with a light breeze from the south and temperatures a little above the seasonal average. It will be a good day for a walk along the river, a long lunch outdoors, or simply an hour in the garden with a book.
EOF

cat > "$work/vi_5s.txt" <<'EOF'
Hôm nay trời nắng nhẹ, chiều tối có thể có mưa rào.
EOF

cat > "$work/vi_30s.txt" <<'EOF'
Mỗi buổi sáng, hệ thống của chúng tôi nhận rất nhiều tệp ghi âm từ các văn phòng nhỏ. Khi lượng yêu cầu tăng lên, chúng tôi thêm máy chủ và theo dõi thời gian phản hồi. Nếu các yêu cầu chậm nhất vẫn dưới hai giây, kế hoạch đang hoạt động tốt. Buổi tối, các máy chủ dư thừa được tắt để tiết kiệm chi phí điện và tiền thuê. Cuối tuần, nhóm kỹ thuật xem lại số liệu và chuẩn bị cho tuần sau.
EOF

cat > "$work/vi_long.txt" <<'EOF'
Lập kế hoạch năng lực cho một dịch vụ nhận dạng giọng nói bắt đầu bằng một câu hỏi đơn giản: mỗi giờ có bao nhiêu tệp âm thanh được gửi đến, và kết quả cần trả về nhanh đến mức nào? Một nhóm nhỏ có thể đo điều này trong một buổi chiều. Họ ghi lại vài đoạn âm thanh bình thường, chạy từng đoạn qua dịch vụ, và ghi chép thời gian xử lý của mỗi đoạn. Sau đó họ gửi nhiều đoạn cùng lúc và quan sát thời gian chờ thay đổi ra sao. Phần lớn các dịch vụ hoạt động ổn định cho đến khi bộ xử lý gần đầy. Sau điểm đó, mỗi yêu cầu mới phải chờ sau các yêu cầu khác, và những câu trả lời chậm nhất tăng nhanh hơn nhiều so với mức trung bình.

Thời tiết ở vùng núi thay đổi rất nhanh vào mùa xuân. Một buổi sáng nắng đẹp có thể trở nên u ám trước giờ ăn trưa, và gió lạnh thường đến sau cơn mưa. Người nông dân hay nhìn những đám mây phía tây, vì một dải mây đen ở đó thường báo hiệu cơn bão sắp tới. Dưới thung lũng, nước sông dâng lên chậm trong hai ngày sau trận mưa lớn, nên người trông cầu kiểm tra mực nước mỗi buổi tối và ghi lên tấm bảng bên đường.

Sáng thứ bảy, chợ mở cửa từ rất sớm. Người bán bánh mì đến đầu tiên với những khay bánh còn nóng, rồi đến những người bán trái cây với các thùng cam, chuối và xoài. Trẻ em đếm tiền lẻ ở quầy mật ong trong khi cha mẹ bàn chuyện giá trứng. Đến mười giờ, khu chợ đã đông người, và mùi cà phê thơm lan ra từ quán nhỏ ở góc phố. Khi chuông chùa điểm trưa, người bán bắt đầu dọn hàng, và những người quét đường kiên nhẫn chờ vị khách cuối cùng ra về.

Nấu cơm ngon không cần nhiều kỹ năng, nhưng cần sự kiên nhẫn. Vo gạo cho đến khi nước gần trong, rồi cho thêm nước nhiều hơn gạo một chút và đun sôi nhẹ. Hạ lửa, đậy nắp nồi, và để yên trong mười lăm phút. Nếu mở nắp ra xem, hơi nước sẽ thoát ra và lớp cơm trên cùng sẽ bị cứng. Khi hết thời gian, tắt bếp và chờ thêm năm phút rồi mới xới cơm.

Ở trung tâm dữ liệu, ca đêm xem lại các biểu đồ độ trễ. Một tuần tốt cho thấy đường cong mượt, tăng vào buổi sáng, giảm nhẹ lúc trưa, và hạ xuống sau bữa tối. Một tuần xấu có những đỉnh nhọn, thường xảy ra khi nhiều bản ghi dài đến cùng một lúc. Cách khắc phục hiếm khi là mua máy lớn hơn. Thường thì nhóm chia các tệp dài thành nhiều đoạn ngắn, phân chia cho nhiều tiến trình, và giới hạn số công việc mà mỗi tiến trình nhận cùng lúc. Nhờ những thay đổi đó, dịch vụ vẫn ổn định ngay cả vào những ngày bận rộn nhất.

Ngày mai trời khô ráo và có nắng, gió nhẹ từ phía nam, nhiệt độ cao hơn mức trung bình một chút. Đó sẽ là một ngày đẹp để đi dạo ven sông, ăn trưa ngoài trời, hoặc đọc sách trong vườn.
EOF

# ---------------------------------------------------------------- helpers

# speak NAME: espeak-ng reads $work/NAME.txt and writes $work/NAME.speech.wav (16 kHz mono 16-bit, lead-in added)
speak() {
  local name="$1" voice speed
  case "$name" in
    en_long) voice=$EN_VOICE; speed=$EN_LONG_SPEED ;;
    vi_long) voice=$VI_VOICE; speed=$VI_LONG_SPEED ;;
    en_*) voice=$EN_VOICE; speed=$EN_SPEED ;;
    vi_*) voice=$VI_VOICE; speed=$VI_SPEED ;;
    *) echo "make-test-audio: no voice for $name" >&2; exit 1 ;;
  esac
  espeak-ng -v "$voice" -s "$speed" -f "$work/$name.txt" -w "$work/$name.espeak.wav"
  # -D: no dither, so the output is the same on every run; -G: lower the gain where resampling would clip
  sox -D -G "$work/$name.espeak.wav" -r 16000 -c 1 -b 16 "$work/$name.speech.wav" rate -v pad "$LEAD_S"
}

# fit NAME SECONDS: pads NAME's speech with silence to exactly SECONDS; fails if the speech is longer
fit() {
  local name="$1" seconds="$2" spoken have want
  spoken="$(soxi -D "$work/$name.speech.wav")"
  have="$(soxi -s "$work/$name.speech.wav")"
  want=$((seconds * 16000))
  if awk -v s="$spoken" -v t="$seconds" 'BEGIN { exit !(s > t - 0.2) }'; then
    echo "make-test-audio: $name speech is ${spoken}s, does not fit ${seconds}s; shorten its text" >&2
    exit 1
  fi
  sox -D "$work/$name.speech.wav" "$work/out/$name.wav" pad 0 "$((want - have))s"
  cp "$work/$name.txt" "$work/out/$name.txt"
}

# encode SRC.wav OUT ARGS...: ffmpeg with bit-exact muxing (no random Ogg serials, no timestamps)
encode() {
  local src="$1" out="$2"; shift 2
  ffmpeg -nostdin -hide_banner -loglevel error -y -i "$src" -map_metadata -1 \
    -fflags +bitexact -flags:a +bitexact "$@" "$out"
}

# variants NAME: the compressed copies of a fitted clip (same base name, so they share NAME.txt)
variants() {
  local name="$1" src="$work/out/$1.wav"
  encode "$src" "$work/out/$name.mp3"  -c:a libmp3lame -b:a 48k
  encode "$src" "$work/out/$name.flac" -c:a flac -compression_level 8
  encode "$src" "$work/out/$name.ogg"  -c:a libvorbis -q:a 2
  encode "$src" "$work/out/$name.m4a"  -c:a aac -b:a 48k
}

# ---------------------------------------------------------------- the clips

for lang in en vi; do
  for name in ${lang}_5s ${lang}_30s ${lang}_long; do speak "$name"; done

  fit "${lang}_5s" 5
  fit "${lang}_30s" 30
  variants "${lang}_5s"
  variants "${lang}_30s"

  # long clips: compressed only, at a low bitrate
  cp "$work/${lang}_long.txt" "$work/out/${lang}_long.txt"
done
encode "$work/en_long.speech.wav" "$work/out/en_long.mp3" -c:a libmp3lame -b:a 24k
encode "$work/vi_long.speech.wav" "$work/out/vi_long.ogg" -c:a libvorbis -q:a 0

# Opus in Ogg, to cover the second Ogg codec
encode "$work/out/en_5s.wav" "$work/out/en_5s.opus" -c:a libopus -b:a 24k
# not 16 kHz: 44.1 kHz stereo, 16-bit, right channel a little quieter (exercises resampling and downmix)
sox -D "$work/out/en_5s.wav" -r 44100 -c 2 -b 16 "$work/out/en_5s_44k_stereo.wav" rate -v remix 1 1v0.8
cp "$work/en_5s.txt" "$work/out/en_5s_44k_stereo.txt"

# ---------------------------------------------------------------- publish only what changed

changed=0
for f in "$work"/out/*; do
  dest="$here/$(basename "$f")"
  if ! cmp -s "$f" "$dest"; then
    cp "$f" "$dest"
    echo "updated $(basename "$f")"
    changed=$((changed + 1))
  fi
done
echo "make-test-audio: $changed file(s) updated; $(du -sh "$here" | cut -f1) in $(basename "$here")/"
